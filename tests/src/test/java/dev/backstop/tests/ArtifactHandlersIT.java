package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.canary.CanarySettings;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Notification;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.testing.SampleEvents;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshotAttribute;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The Lambda artifacts as {@code sam build} made them, each function's handler run from its own
 * artifact alone against the emulators: {@code scripts/shrink-sdk} cut the SDK's service modules in
 * them down to what ProGuard found reachable, and a class it wrongly took away shows up only when a
 * call needs it. Each case starts a fresh JVM with only the artifact's {@code lib/*} on the class
 * path (as Lambda does), builds the handler with its no-argument constructor from the function's
 * environment, hands it one event and prints the decision; the test then reads the change back
 * with its own (whole) SDK clients, with the audit record and the notification.
 *
 * <p>Runs only when {@code BACKSTOP_IT_ARTIFACTS} names the folder holding one artifact folder per
 * function ({@code .aws-sam/build}, or any folder of {@code make build-<Function>} outputs):
 * {@code scripts/check-artifacts} builds them and runs this.
 */
@EnabledIfEnvironmentVariable(named = "BACKSTOP_IT_ARTIFACTS", matches = ".+")
class ArtifactHandlersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_ACCOUNT = "123456789012";
    /** The account LocalStack serves with the test credentials. */
    private static final String ACCOUNT = "000000000000";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /**
     * Run in the artifact's JVM: builds the handler as Lambda does and invokes it once with the
     * event from standard input, through the runtime interfaces of the artifact's own
     * aws-lambda-java-core (a proxy stands in for Lambda's context), and prints the answer.
     */
    private static final String INVOKER = """
            import java.io.*;
            import java.lang.reflect.*;
            import java.nio.charset.StandardCharsets;

            public class InvokeHandler {
                public static void main(String[] args) throws Exception {
                    ClassLoader loader = Thread.currentThread().getContextClassLoader();
                    Object handler = Class.forName(args[0], true, loader).getConstructor().newInstance();
                    Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context", true, loader);
                    Class<?> loggerType = Class.forName("com.amazonaws.services.lambda.runtime.LambdaLogger", true, loader);
                    Object logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, (proxy, method, arguments) -> {
                        if (method.getName().equals("log") && arguments != null && arguments.length > 0) {
                            System.err.print(arguments[0] instanceof byte[] bytes
                                    ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(arguments[0]));
                        }
                        return method.getReturnType() == boolean.class ? false : null;
                    });
                    Object context = Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, (proxy, method, arguments) ->
                            switch (method.getName()) {
                                case "getLogger" -> logger;
                                case "getRemainingTimeInMillis" -> 30_000;
                                case "getMemoryLimitInMB" -> 512;
                                case "getAwsRequestId" -> "artifact-check";
                                case "getFunctionName" -> args[0];
                                case "hashCode" -> System.identityHashCode(proxy);
                                case "equals" -> proxy == arguments[0];
                                default -> method.getReturnType() == String.class ? "artifact-check" : null;
                            });
                    ByteArrayOutputStream answer = new ByteArrayOutputStream();
                    handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class, contextType)
                            .invoke(handler, new ByteArrayInputStream(System.in.readAllBytes()), answer, context);
                    System.out.println(answer.toString(StandardCharsets.UTF_8));
                }
            }
            """;

    private static EventHistory eventHistory;
    private static Path artifacts;
    private static Path invoker;
    private static DemoWorld world;
    private static Ec2Client ec2;
    private static Region region;

    @BeforeAll
    static void emulators() throws IOException {
        artifacts = Path.of(System.getenv("BACKSTOP_IT_ARTIFACTS")).toAbsolutePath();
        invoker = Files.createTempDirectory("backstop-artifact-check").resolve("InvokeHandler.java");
        Files.writeString(invoker, INVOKER);
        world = Emulators.world();
        region = new DefaultAwsRegionProviderChain().getRegion();
        ec2 = AwsClientsModule.build(Ec2Client.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), region);
        eventHistory = EventHistory.start();
    }

    @AfterAll
    static void stopEventHistory() {
        if (eventHistory != null) {
            eventHistory.server().stop(0);
        }
    }

    /**
     * CloudTrail's event history, which neither emulator serves (LocalStack's community edition
     * has no CloudTrail, moto no LookupEvents): on this machine's loopback, answering every
     * LookupEvents with no events, so the alarm function's CloudTrail client still marshals the
     * call and reads an answer.
     */
    private record EventHistory(HttpServer server, AtomicInteger counter) {

        static EventHistory start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AtomicInteger counter = new AtomicInteger();
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
                boolean lookup = target.endsWith(".LookupEvents");
                byte[] body = (lookup ? "{\"Events\":[]}"
                        : "{\"__type\":\"UnsupportedOperationException\",\"message\":\"only LookupEvents\"}")
                        .getBytes(StandardCharsets.UTF_8);
                if (lookup) {
                    counter.incrementAndGet();
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(lookup ? 200 : 400, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new EventHistory(server, counter);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        int lookups() {
            return counter.get();
        }
    }

    // ---- CloudTrail: a stopped trail is started again ----

    @Test
    void theCloudTrailArtifactStartsAStoppedTrail() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("artifact-trail"));
        world.stopLogging(stage);
        byte[] event = world.stopLoggingEvent(SampleEvents.path("cloudtrail/stop-logging.json"), stage);

        JsonNode answer = invoke("CloudTrailFunction", "dev.backstop.handlers.cloudtrail.CloudTrailHandler", stage, Map.of(), event);

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
        assertThat(world.isLogging(stage)).isTrue();
        JsonNode action = firstAction(stage, answer);
        assertThat(action.path("action").asText()).isEqualTo("cloudtrail.start-logging");
        assertThat(action.path("after").path("isLogging").asText()).isEqualTo("true");
        assertNotified(stage, "REMEDIATED");
    }

    // ---- the trail watchdog: a run snapshots the trail, the next finds it stopped and starts it ----

    @Test
    void theWatchdogArtifactFindsAStoppedTrailOnItsScheduleAndStartsIt() throws IOException {
        String prefix = Emulators.uniquePrefix("artifact-wd");
        Stage stage = world.build(prefix);
        String trails = stage.trailArn().substring(0, stage.trailArn().indexOf(":trail/") + ":trail/".length())
                + stage.trailName();
        String rules = teamRules(prefix, """
                version: 1
                rules:
                  - id: watchdog-%s
                    description: The watchdog guards the artifact check's trail only.
                    severity: high
                    mode: enforce
                    match:
                      source: [backstop.watchdog]
                      detail:
                        eventName: [TrailDrift]
                        requestParameters:
                          name: [%s]
                    actions:
                      - action: cloudtrail.start-logging
                overrides:
                  cloudtrail-watchdog-drift:
                    mode: off
                """.formatted(prefix, stage.trailArn()));
        Map<String, String> env = Map.of("BACKSTOP_RULES_LOCATION", rules, "BACKSTOP_WATCHDOG_TRAILS", trails);

        JsonNode first = watchdogRun(stage, env);
        world.stopLogging(stage);
        JsonNode fixed = watchdogRun(stage, env);

        assertThat(first.path("snapshotted").asBoolean()).as(first.toString()).isTrue();
        assertThat(fixed.path("drift")).extracting(JsonNode::asText).contains("not logging");
        assertThat(fixed.path("outcome").asText()).as(fixed.toString()).isEqualTo("REMEDIATED");
        assertThat(world.isLogging(stage)).isTrue();
        assertThat(firstAction(stage, fixed).path("action").asText()).isEqualTo("cloudtrail.start-logging");
        assertNotified(stage, "REMEDIATED");
    }

    /** One scheduled run of the watchdog from its artifact; the stage trail's part of its answer. */
    private static JsonNode watchdogRun(Stage stage, Map<String, String> env) throws IOException {
        byte[] scheduled = SampleEvents.edited("watchdog/scheduled-event.json", event -> event
                .put("id", UUID.randomUUID().toString()).put("account", stage.trailArn().split(":")[4]));
        JsonNode answer = invoke("TrailWatchdogFunction", "dev.backstop.handlers.watchdog.TrailWatchdogHandler", stage, env,
                scheduled);
        for (JsonNode trail : answer.path("trails")) {
            if (trail.path("trail").asText().equals(stage.trailArn())) {
                return trail;
            }
        }
        throw new AssertionError("the run did not check " + stage.trailArn() + ": " + answer);
    }

    // ---- EC2: a world-open SSH rule is revoked, the bastion rule beside it stays ----

    @Test
    void theEc2ArtifactRevokesAWorldOpenSshRule() throws IOException {
        String prefix = Emulators.uniquePrefix("artifact-ec2");
        Stage stage = world.build(prefix);
        String groupId = ec2.createSecurityGroup(request -> request.groupName(prefix + "-app")
                .description("Backstop artifact check")).groupId();
        ec2.authorizeSecurityGroupIngress(request -> request.groupId(groupId).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(
                        IpRange.builder().cidrIp("0.0.0.0/0").description("ssh from home").build(),
                        IpRange.builder().cidrIp("10.20.0.0/16").description("bastion subnet").build())
                .build()));
        byte[] event = authorizeIngressEvent(groupId);

        JsonNode answer = invoke("Ec2Function", "dev.backstop.handlers.ec2.Ec2Handler", stage, Map.of(), event);

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
        assertThat(ingress(groupId)).extracting(SecurityGroupRule::cidrIpv4).containsExactly("10.20.0.0/16");
        JsonNode action = firstAction(stage, answer);
        assertThat(action.path("action").asText()).isEqualTo("ec2.revoke-world-ingress");
        assertNotified(stage, "REMEDIATED");
    }

    /** The SSH sample about this group and its real rule ids, as EventBridge would deliver it. */
    private static byte[] authorizeIngressEvent(String groupId) throws IOException {
        String text = Files.readString(SampleEvents.path("ec2/authorize-ingress-ssh-world.json"));
        JsonNode sample = JSON.readTree(text);
        for (JsonNode item : sample.at("/detail/responseElements/securityGroupRuleSet/items")) {
            String cidr = item.path("cidrIpv4").asText();
            String ruleId = ingress(groupId).stream().filter(rule -> cidr.equals(rule.cidrIpv4())).findFirst()
                    .orElseThrow().securityGroupRuleId();
            text = text.replace(item.path("securityGroupRuleId").asText(), ruleId);
        }
        text = text.replace(sample.at("/detail/requestParameters/groupId").asText(), groupId)
                .replace(SAMPLE_ACCOUNT, ACCOUNT);
        return fresh((ObjectNode) JSON.readTree(text));
    }

    private static List<SecurityGroupRule> ingress(String groupId) {
        return ec2.describeSecurityGroupRules(request -> request.filters(filter("group-id", groupId)))
                .securityGroupRules().stream().filter(rule -> !rule.isEgress()).toList();
    }

    // ---- the alarm function: an instance alarm isolates the instance (DescribeInstances and all) ----

    @Test
    void theAlarmArtifactIsolatesAnInstanceOnEveryInterface() throws IOException {
        String prefix = Emulators.uniquePrefix("artifact-isolate");
        Stage stage = world.build(prefix);
        String vpcId = ec2.describeVpcs(request -> request.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
        String subnetId = ec2.describeSubnets(request -> request.filters(filter("vpc-id", vpcId))).subnets().get(0)
                .subnetId();
        String imageId = ec2.describeImages(request -> request.owners("amazon")).images().get(0).imageId();
        String web = ec2.createSecurityGroup(request -> request.groupName(prefix + "-web").vpcId(vpcId)
                .description("Backstop artifact check")).groupId();
        String instanceId = ec2.runInstances(request -> request.imageId(imageId).instanceType("t3.micro").minCount(1)
                .maxCount(1).networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0)
                        .subnetId(subnetId).groups(web).build()))
                .instances().get(0).instanceId();
        String quarantine = prefix + "-quarantine";
        String rules = teamRules(prefix, """
                version: 1
                rules:
                  - id: artifact-check-isolate
                    description: The artifact check's instance is isolated when its alarm fires.
                    severity: high
                    mode: enforce
                    match:
                      source: [aws.cloudwatch]
                      detail-type: [CloudWatch Alarm State Change]
                      detail:
                        state: {value: [ALARM]}
                        configuration:
                          metrics:
                            metricStat:
                              metric:
                                dimensions: {InstanceId: [%s]}
                    actions:
                      - action: ec2.isolate-instance
                        params: {quarantineGroupName: %s}
                """.formatted(instanceId, quarantine));
        byte[] event = alarmEvent(prefix, instanceId);

        JsonNode answer = invoke("AlarmFunction", "dev.backstop.handlers.alarm.AlarmHandler", stage,
                Map.of("BACKSTOP_RULES_LOCATION", rules, "AWS_ENDPOINT_URL_CLOUDTRAIL", eventHistory.url()), event);

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
        String quarantineId = ec2.describeSecurityGroups(request -> request.filters(filter("vpc-id", vpcId),
                filter("group-name", quarantine))).securityGroups().get(0).groupId();
        assertThat(groupsOf(instanceId).values()).isNotEmpty().allSatisfy(groups ->
                assertThat(groups).containsExactly(quarantineId));
        assertThat(JSON.readTree(world.auditItem(stage, answer.path("auditId").asText()).orElseThrow()
                .get("actions").s()).findValuesAsText("action")).contains("ec2.isolate-instance");
        assertNotified(stage, "REMEDIATED");
        assertThat(eventHistory.lookups()).as("the changes before the alarm were looked up").isPositive();
    }

    // ---- the SNS alarm function: a latency alarm on a function's alias rolls the alias back ----

    @Test
    void theSnsAlarmArtifactRollsAnAliasBack() throws IOException {
        String prefix = Emulators.uniquePrefix("artifact-roll");
        Stage stage = world.build(prefix);
        MotoFunctions functions = new MotoFunctions(region);
        String function = prefix + "-api";
        String account = functions.create(function).split(":")[4];
        String v1 = functions.publish(function);
        functions.client().updateFunctionCode(request -> request.functionName(function)
                .zipFile(MotoFunctions.code("release 2")));
        String v2 = functions.publish(function);
        functions.client().createAlias(request -> request.functionName(function).name("live").functionVersion(v2));
        String rules = teamRules(prefix, """
                version: 1
                rules:
                  - id: artifact-check-rollback
                    description: The artifact check's function goes back a version when its alarm fires.
                    severity: high
                    mode: enforce
                    match:
                      source: [aws.cloudwatch]
                      detail-type: [CloudWatch Alarm State Change]
                      detail:
                        state: {value: [ALARM]}
                        configuration:
                          metrics:
                            metricStat:
                              metric:
                                dimensions: {FunctionName: [%s]}
                    actions:
                      - action: lambda.rollback-alias
                """.formatted(function));
        ObjectNode delivery = SampleEvents.read("alarms/sns-lambda-latency.json");
        ObjectNode sns = (ObjectNode) delivery.path("Records").get(0).path("Sns");
        ObjectNode message = (ObjectNode) JSON.readTree(sns.path("Message").asText()
                .replace("checkout-api", function).replace(SAMPLE_ACCOUNT, account));
        message.put("StateChangeTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString().replace("Z", "+0000"));
        sns.put("Message", JSON.writeValueAsString(message)).put("MessageId", UUID.randomUUID().toString());

        JsonNode answer = invoke("SnsAlarmFunction", "dev.backstop.handlers.alarm.SnsAlarmHandler", stage,
                Map.of("BACKSTOP_RULES_LOCATION", rules, "AWS_ENDPOINT_URL_CLOUDTRAIL", eventHistory.url()),
                JSON.writeValueAsBytes(delivery));

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
        assertThat(functions.aliasVersion(function)).isEqualTo(v1);
        assertNotified(stage, "REMEDIATED");
    }

    /** The EventBridge sample of an EC2 alarm, about this instance, as a fresh state change. */
    private static byte[] alarmEvent(String prefix, String instanceId) throws IOException {
        String text = Files.readString(SampleEvents.path("alarms/eventbridge-ec2-cpu.json"))
                .replace("i-0abcd1234ef567890", instanceId).replace(SAMPLE_ACCOUNT, ACCOUNT)
                .replace("ServerCpuTooHigh", prefix + "-cpu");
        ObjectNode event = (ObjectNode) JSON.readTree(text);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        event.put("id", UUID.randomUUID().toString()).put("time", now.truncatedTo(ChronoUnit.SECONDS).toString());
        ((ObjectNode) event.path("detail").path("state")).put("timestamp", now.toString().replace("Z", "+0000"));
        return JSON.writeValueAsBytes(event);
    }

    private static Map<String, List<String>> groupsOf(String instanceId) {
        Instance instance = ec2.describeInstances(request -> request.instanceIds(instanceId)).reservations().get(0)
                .instances().get(0);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        instance.networkInterfaces().stream()
                .sorted(Comparator.comparing((InstanceNetworkInterface eni) -> eni.attachment().deviceIndex()))
                .forEach(eni -> groups.put(eni.networkInterfaceId(),
                        eni.groups().stream().map(GroupIdentifier::groupId).sorted().toList()));
        return groups;
    }

    // ---- S3: a deleted Block Public Access configuration is put back ----

    @Test
    void theS3ArtifactPutsBackADeletedPublicAccessBlock() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("artifact-s3"));
        String bucket = stage.trailName().replace("-trail", "-bucket");
        world.s3().createBucket(request -> request.bucket(bucket));
        world.s3().deletePublicAccessBlock(request -> request.bucket(bucket));
        String text = Files.readString(SampleEvents.path("s3/delete-bucket-public-access-block.json"))
                .replace("acme-web-assets", bucket).replace(SAMPLE_ACCOUNT, ACCOUNT);
        byte[] event = fresh((ObjectNode) JSON.readTree(text));

        JsonNode answer = invoke("S3Function", "dev.backstop.handlers.s3.S3Handler", stage, Map.of(), event);

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
        assertThat(world.s3().getPublicAccessBlock(request -> request.bucket(bucket)).publicAccessBlockConfiguration())
                .isEqualTo(PublicAccessBlockConfiguration.builder().blockPublicAcls(true).ignorePublicAcls(true)
                        .blockPublicPolicy(true).restrictPublicBuckets(true).build());
        assertThat(firstAction(stage, answer).path("action").asText()).isEqualTo("s3.block-public-access");
        assertNotified(stage, "REMEDIATED");
    }

    // ---- S3: a trail bucket's lifecycle that expires the logs early, known by the signed DescribeTrails ----

    @Test
    void theS3ArtifactAsksCloudTrailForTheTrailsBucketAndTakesOutTheRuleExpiringItsLogsEarly() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("artifact-s3-trail"));
        String bucket = stage.trailName() + "-logs";
        putLifecycle(bucket, expiring("archive", 730), expiring("tidy", 1));

        JsonNode answer = invoke("S3Function", "dev.backstop.handlers.s3.S3Handler", stage, Map.of(),
                lifecycleEvent(bucket));

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
        assertThat(world.s3().getBucketLifecycleConfiguration(request -> request.bucket(bucket)).rules())
                .extracting(LifecycleRule::id).containsExactly("archive");
        assertThat(firstAction(stage, answer).path("action").asText()).isEqualTo("s3.restore-lifecycle");
    }

    @Test
    void theS3ArtifactLeavesTheLifecycleOfABucketNoTrailWritesTo() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("artifact-s3-scratch"));
        String bucket = stage.trailName().replace("-trail", "-scratch");
        world.s3().createBucket(request -> request.bucket(bucket));
        putLifecycle(bucket, expiring("tidy", 1));

        JsonNode answer = invoke("S3Function", "dev.backstop.handlers.s3.S3Handler", stage, Map.of(),
                lifecycleEvent(bucket));

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("NO_MATCH");
        assertThat(world.s3().getBucketLifecycleConfiguration(request -> request.bucket(bucket)).rules())
                .extracting(LifecycleRule::id).containsExactly("tidy");
    }

    private static LifecycleRule expiring(String id, int days) {
        return LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED).filter(filter -> filter.prefix(id + "/"))
                .expiration(expiration -> expiration.days(days)).build();
    }

    private static void putLifecycle(String bucket, LifecycleRule... rules) {
        world.s3().putBucketLifecycleConfiguration(request -> request.bucket(bucket)
                .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rules).build()));
    }

    private static byte[] lifecycleEvent(String bucket) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(SampleEvents.path("s3/put-bucket-lifecycle.json"))
                .replace("acme-cloudtrail-logs", bucket).replace(SAMPLE_ACCOUNT, ACCOUNT));
        return fresh(event);
    }

    // ---- IAM: an access key the root user made is deactivated ----

    @Test
    void theIamArtifactDeactivatesAKeyTheRootUserMade() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("artifact-iam"));
        IamClient iam = AwsClientsModule.build(IamClient.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), region);
        String user = Emulators.uniquePrefix("artifact-bot");
        iam.createUser(request -> request.userName(user));
        String keyId = iam.createAccessKey(request -> request.userName(user)).accessKey().accessKeyId();
        String text = Files.readString(SampleEvents.path("iam/create-access-key-by-root.json"))
                .replace("AKIA4EXAMPLENEWKEY01", keyId).replace("build-bot", user)
                .replace(SAMPLE_ACCOUNT, stage.trailArn().split(":")[4]);
        byte[] event = fresh((ObjectNode) JSON.readTree(text));

        JsonNode answer = invoke("IamFunction", "dev.backstop.handlers.iam.IamHandler", stage, Map.of(), event);

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
        assertThat(iam.listAccessKeys(request -> request.userName(user)).accessKeyMetadata())
                .singleElement().satisfies(key -> assertThat(key.status()).isEqualTo(StatusType.INACTIVE));
        assertThat(firstAction(stage, answer).path("action").asText()).isEqualTo("iam.deactivate-access-key");
        assertNotified(stage, "REMEDIATED");
    }

    // ---- the Lambda-deployments function: an alias move goes into the alias history ----

    @Test
    void theLambdaArtifactRecordsAnAliasMoveInTheHistory() throws IOException {
        String prefix = Emulators.uniquePrefix("artifact-fn");
        Stage stage = world.build(prefix);
        MotoFunctions functions = new MotoFunctions(new DefaultAwsRegionProviderChain().getRegion());
        String function = prefix + "-api";
        functions.create(function);
        String version = functions.publish(function);
        String aliasArn = functions.client().createAlias(request -> request.functionName(function).name("live")
                .functionVersion(version)).aliasArn();
        String text = Files.readString(SampleEvents.path("lambda/create-alias.json"))
                .replace("checkout-api", function).replace(SAMPLE_ACCOUNT, ACCOUNT);
        byte[] event = fresh((ObjectNode) JSON.readTree(text));

        JsonNode answer = invoke("LambdaFunction", "dev.backstop.handlers.lambda.LambdaHandler", stage, Map.of(), event);

        assertThat(answer.path("auditId").asText()).as(answer.toString()).isNotEmpty();
        // Where Lambda says the alias points, read back; not the "5" the event carries.
        assertThat(world.auditItem(stage, "alias#" + aliasArn)).as("the alias history")
                .hasValueSatisfying(item -> assertThat(item.get("version").s()).isEqualTo(version));
    }

    // ---- RDS: a snapshot shared outside the trusted set is taken back through the shrunk RDS module ----

    @Test
    void theRdsArtifactTakesBackASnapshotShareOutsideTheTrustedSet() throws IOException {
        String prefix = Emulators.uniquePrefix("artifact-rds");
        Stage stage = world.build(prefix);
        String outside = "999988887777";
        String partner = "444455556666";
        RdsClient rds = AwsClientsModule.build(RdsClient.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), region);
        String instance = prefix + "-orders";
        String snapshot = prefix + "-orders-nightly";
        rds.createDBInstance(request -> request.dbInstanceIdentifier(instance).dbInstanceClass("db.t3.micro")
                .engine("postgres").masterUsername("backstop").masterUserPassword("not-a-secret-1").allocatedStorage(20));
        rds.createDBSnapshot(request -> request.dbInstanceIdentifier(instance).dbSnapshotIdentifier(snapshot));
        rds.modifyDBSnapshotAttribute(request -> request.dbSnapshotIdentifier(snapshot).attributeName("restore")
                .valuesToAdd(outside, partner));
        String text = Files.readString(SampleEvents.path("rds/modify-db-snapshot-attribute-share.json"))
                .replace("orders-nightly-2026-11-20", snapshot).replace(SAMPLE_ACCOUNT, ACCOUNT);

        JsonNode answer = invoke("RdsFunction", "dev.backstop.handlers.rds.RdsHandler", stage,
                Map.of("BACKSTOP_TRUSTED_ACCOUNTS", partner), fresh((ObjectNode) JSON.readTree(text)));

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
        assertThat(rds.describeDBSnapshotAttributes(request -> request.dbSnapshotIdentifier(snapshot))
                .dbSnapshotAttributesResult().dbSnapshotAttributes()).flatExtracting(DBSnapshotAttribute::attributeValues)
                .containsExactly(partner);
        assertThat(firstAction(stage, answer).path("action").asText()).isEqualTo("rds.unshare-db-snapshot");
        assertNotified(stage, "REMEDIATED");
    }

    // ---- the canary: its change made through its shrunk S3 module, the open loop found ----

    @Test
    void theCanaryArtifactTurnsItsBucketsBlockOffAndFindsTheLoopOpenWhenNothingAnswered() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("artifact-canary"));
        String bucket = stage.trailName().replace("-trail", "-canary").toLowerCase(Locale.ROOT);
        world.s3().createBucket(request -> request.bucket(bucket));
        world.s3().putPublicAccessBlock(request -> request.bucket(bucket).publicAccessBlockConfiguration(
                PublicAccessBlockConfiguration.builder().blockPublicAcls(true).ignorePublicAcls(true)
                        .blockPublicPolicy(true).restrictPublicBuckets(true).build()));
        // An account of its own, so that the canary's ledger and heartbeat are this test's alone.
        String account = "9" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
        Map<String, String> env = Map.of(CanarySettings.BUCKET, bucket, CanarySettings.ROLE_NAME, "BackstopCanary");
        String handler = "dev.backstop.handlers.canary.CanaryHandler";

        JsonNode first = invoke("CanaryFunction", handler, stage, env, scheduled(account)).path("loops").get(0);

        assertThat(first.path("previous").asText()).as(first.toString()).isEqualTo("no change made before");
        assertThatThrownBy(() -> world.s3().getPublicAccessBlock(request -> request.bucket(bucket)))
                .as("the canary's change: the block deleted").isInstanceOf(S3Exception.class)
                .hasMessageContaining("public access block configuration was not found");

        JsonNode second = invoke("CanaryFunction", handler, stage, env, scheduled(account)).path("loops").get(0);

        assertThat(second.path("previous").asText()).as(second.toString())
                .startsWith("open: no audit record of Backstop deciding");
        assertThat(second.path("heartbeat").asBoolean()).isFalse();
    }

    private static byte[] scheduled(String account) {
        return SampleEvents.edited(TrailFixture.WATCHDOG_SAMPLE, event -> event
                .put("id", UUID.randomUUID().toString()).put("account", account));
    }

    // ---- running an artifact ----

    /**
     * Runs the function's handler from its artifact alone in a fresh JVM, in enforce mode with the
     * stage's table and topic (and {@code extraEnv}), on one event; returns its answer.
     */
    // ---- detection: a stopped Config recorder is started again (Config's JSON calls, signed by hand) ----

    @Test
    void theDetectionArtifactStartsAStoppedConfigRecorder() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("artifact-detect"));
        String recorder = ConfigRecorder.in(stage.trailName() + "-logs");
        ConfigRecorder.stop(recorder);
        ObjectNode sample = (ObjectNode) JSON.readTree(Files.readString(SampleEvents.path("config/stop-configuration-recorder.json"))
                .replace(SAMPLE_ACCOUNT, ACCOUNT));
        ((ObjectNode) sample.path("detail").path("requestParameters")).put("configurationRecorderName", recorder);

        JsonNode answer = invoke("DetectionFunction", "dev.backstop.handlers.detection.DetectionHandler", stage, Map.of(),
                fresh(sample));

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
        assertThat(ConfigRecorder.recording(recorder)).isTrue();
        assertThat(firstAction(stage, answer).path("action").asText()).isEqualTo("config.start-recorder");
        assertNotified(stage, "REMEDIATED");
    }

    // ---- detection: a trail's log group retention cut, the group known by the signed DescribeTrails ----

    @Test
    void theDetectionArtifactAsksCloudTrailForTheTrailsLogGroupAndPutsItsRetentionBack() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("artifact-detect-logs"));
        String group = Emulators.uniquePrefix("artifact-trail-logs");
        String groupArn = "arn:aws:logs:" + region.id() + ":" + ACCOUNT + ":log-group:" + group + ":*";
        var http = UrlConnectionHttpClient.create();
        var credentials = EnvironmentVariableCredentialsProvider.create();
        try (CloudTrailClient cloudTrail = AwsClientsModule.build(CloudTrailClient.builder(), http, credentials, region);
                CloudWatchLogsClient logs = AwsClientsModule.build(CloudWatchLogsClient.builder(), http, credentials, region)) {
            cloudTrail.updateTrail(request -> request.name(stage.trailName()).cloudWatchLogsLogGroupArn(groupArn)
                    .cloudWatchLogsRoleArn("arn:aws:iam::" + ACCOUNT + ":role/trail-to-logs"));
            logs.createLogGroup(request -> request.logGroupName(group));
            logs.putRetentionPolicy(request -> request.logGroupName(group).retentionInDays(1));
            ObjectNode sample = (ObjectNode) JSON.readTree(Files.readString(
                    SampleEvents.path("logs/put-retention-policy.json")).replace(SAMPLE_ACCOUNT, ACCOUNT));
            ((ObjectNode) sample.path("detail").path("requestParameters")).put("logGroupName", group);

            JsonNode answer = invoke("DetectionFunction", "dev.backstop.handlers.detection.DetectionHandler", stage,
                    Map.of(), fresh(sample));

            assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
            assertThat(logs.describeLogGroups(request -> request.logGroupNamePrefix(group)).logGroups().get(0)
                    .retentionInDays()).as("the rule's minimum: no retention recorded before the cut").isEqualTo(365);
            assertThat(firstAction(stage, answer).path("action").asText()).isEqualTo("logs.restore-retention");
        }
    }

    // ---- S3 findings: a failed S3.8 control puts the bucket's Block Public Access on (its SDK modules shrunk) ----

    @Test
    void theS3FindingsArtifactBlocksPublicAccessOnTheBucketOfAFailedControl() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("artifact-findings"));
        String bucket = stage.trailName().replace("-trail", "-bucket");
        world.s3().createBucket(request -> request.bucket(bucket));
        world.s3().deletePublicAccessBlock(request -> request.bucket(bucket));
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(
                SampleEvents.path("findings/securityhub-s3-8-bucket-block-public-access.json"))
                .replace("acme-web-assets", bucket).replace(SAMPLE_ACCOUNT, ACCOUNT));
        event.put("id", UUID.randomUUID().toString()).put("time", now).put("region", region.id());
        ((ObjectNode) event.path("detail").path("findings").get(0)).put("Id", "arn:aws:securityhub:" + region.id() + ":"
                + ACCOUNT + ":security-control/S3.8/finding/" + UUID.randomUUID()).put("UpdatedAt", now)
                .put("Region", region.id());

        JsonNode answer = invoke("S3FindingsFunction", "dev.backstop.handlers.s3findings.S3FindingsHandler", stage,
                Map.of(), JSON.writeValueAsBytes(event));

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
        assertThat(world.s3().getPublicAccessBlock(request -> request.bucket(bucket)).publicAccessBlockConfiguration()
                .blockPublicPolicy()).isTrue();
        assertThat(firstAction(stage, answer).path("action").asText()).isEqualTo("s3.block-public-access");
    }

    // ---- findings: a failed EC2.19 control closes the group's world-open SSH rule (EC2's SDK module shrunk) ----

    @Test
    void theFindingsArtifactClosesTheWorldOpenRuleOfAFailedHighRiskPortsControl() throws IOException {
        String prefix = Emulators.uniquePrefix("artifact-findings");
        Stage stage = world.build(prefix);
        String groupId = ec2.createSecurityGroup(request -> request.groupName(prefix + "-sg")
                .description("Backstop artifact check")).groupId();
        ec2.authorizeSecurityGroupIngress(request -> request.groupId(groupId).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build())
                .build()));
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(
                SampleEvents.path("findings/securityhub-ec2-19-high-risk-ports.json")).replace(SAMPLE_ACCOUNT, ACCOUNT));
        event.put("id", UUID.randomUUID().toString()).put("time", now).put("region", region.id());
        ObjectNode finding = (ObjectNode) event.path("detail").path("findings").get(0);
        finding.put("Id", "arn:aws:securityhub:" + region.id() + ":" + ACCOUNT + ":security-control/EC2.19/finding/"
                + UUID.randomUUID()).put("UpdatedAt", now).put("Region", region.id());
        ((ObjectNode) finding.path("Resources").get(0)).put("Id", "arn:aws:ec2:" + region.id() + ":" + ACCOUNT
                + ":security-group/" + groupId).put("Region", region.id());

        JsonNode answer = invoke("FindingsFunction", "dev.backstop.handlers.findings.FindingsHandler", stage, Map.of(),
                JSON.writeValueAsBytes(event));

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("REMEDIATED");
        assertThat(ingress(groupId)).isEmpty();
        assertThat(firstAction(stage, answer).path("action").asText()).isEqualTo("ec2.revoke-world-ingress");
    }

    private static JsonNode invoke(String function, String handler, Stage stage, Map<String, String> extraEnv,
            byte[] event) throws IOException {
        Path lib = artifacts.resolve(function).resolve("lib");
        assertThat(lib).as("the artifact of " + function + " (make build-" + function + ")").isDirectory();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:MaxRAM=512m",
                "-cp", lib + "/*", invoker.toString(), handler);
        Map<String, String> env = builder.environment();
        env.put("BACKSTOP_AUDIT_TABLE", stage.auditTable());
        env.put("BACKSTOP_TOPIC_ARN", stage.topicArn());
        env.put("BACKSTOP_MODE", "enforce");
        env.put("AWS_REGION", region.id());
        env.putAll(extraEnv);
        Path log = Files.createTempFile("backstop-" + function, ".log");
        builder.redirectError(log.toFile());
        Process process = builder.start();
        process.getOutputStream().write(event);
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(function + " did not finish in 120 s; its log: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        assertThat(process.exitValue()).as(function + " from its artifact failed; its log:\n" + Files.readString(log))
                .isZero();
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static byte[] fresh(ObjectNode event) throws IOException {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        event.put("id", UUID.randomUUID().toString()).put("time", now).put("region", region.id());
        ((ObjectNode) event.get("detail")).put("eventID", UUID.randomUUID().toString()).put("eventTime", now)
                .put("awsRegion", region.id());
        return JSON.writeValueAsBytes(event);
    }

    private static String teamRules(String prefix, String content) {
        String bucket = prefix + "-rules";
        world.s3().createBucket(request -> request.bucket(bucket));
        world.s3().putObject(request -> request.bucket(bucket).key("team.yaml"), RequestBody.fromString(content));
        return "s3://" + bucket + "/team.yaml";
    }

    private static JsonNode firstAction(Stage stage, JsonNode answer) {
        Map<String, AttributeValue> record = world.auditItem(stage, answer.path("auditId").asText()).orElseThrow();
        assertThat(record.get("outcome").s()).isEqualTo(answer.path("outcome").asText());
        try {
            return JSON.readTree(record.get("actions").s()).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertNotified(Stage stage, String outcome) {
        List<Notification> notifications = new ArrayList<>(world.notifications(stage, 1, PATIENCE));
        assertThat(notifications).isNotEmpty()
                .anySatisfy(notification -> assertThat(notification.subject()).contains(outcome));
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
