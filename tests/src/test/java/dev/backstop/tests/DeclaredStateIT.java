package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.AuditKeys;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.handlers.ec2.Ec2Handler;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * Declared state on the emulators: a security group a CloudFormation stack created on moto
 * (which tags what it creates with aws:cloudformation:*, as AWS does), opened to the world by the
 * stack, and the EC2 function deciding on the call. EC2 is moto's in this test only, where the
 * stack's resources live: the EC2 function's client is pointed there through the SDK's own
 * {@code aws.endpointUrlEc2} setting while its graph is built.
 */
class DeclaredStateIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EC2_ENDPOINT = "aws.endpointUrlEc2";

    private static DemoWorld world;
    private static Ec2Client motoEc2;
    private static CloudFormationClient cloudFormation;
    private static String moto;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        moto = System.getenv("AWS_ENDPOINT_URL_CLOUDFORMATION");
        if (moto == null) {
            throw new IllegalStateException("AWS_ENDPOINT_URL_CLOUDFORMATION is not set: eval \"$(scripts/emulators env)\"");
        }
        var http = UrlConnectionHttpClient.create();
        var credentials = DefaultCredentialsProvider.builder().build();
        var region = new DefaultAwsRegionProviderChain().getRegion();
        motoEc2 = Ec2Client.builder().httpClient(http).credentialsProvider(credentials).region(region)
                .endpointOverride(URI.create(moto)).build();
        cloudFormation = CloudFormationClient.builder().httpClient(http).credentialsProvider(credentials).region(region)
                .build();
    }

    @AfterAll
    static void restore() {
        System.clearProperty(EC2_ENDPOINT);
    }

    /** A stack whose security group lets SSH in from the world, and the group's id. */
    private static String stackWithOpenSsh(String stack) {
        cloudFormation.createStack(request -> request.stackName(stack).templateBody("""
                {"Resources": {"ApiGroup": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
                  "GroupDescription": "declared in a stack",
                  "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}}}}
                """));
        List<StackResource> resources = cloudFormation.describeStackResources(request -> request.stackName(stack))
                .stackResources();
        return resources.stream().filter(resource -> resource.logicalResourceId().equals("ApiGroup")).findFirst()
                .orElseThrow().physicalResourceId();
    }

    private static String sshRule(String groupId) {
        return motoEc2.describeSecurityGroupRules(request -> request.filters(filter -> filter.name("group-id").values(groupId)))
                .securityGroupRules().stream().filter(rule -> !rule.isEgress() && "0.0.0.0/0".equals(rule.cidrIpv4()))
                .map(SecurityGroupRule::securityGroupRuleId).findFirst().orElseThrow();
    }

    private static boolean open(String groupId) {
        return motoEc2.describeSecurityGroupRules(request -> request.filters(filter -> filter.name("group-id").values(groupId)))
                .securityGroupRules().stream().anyMatch(rule -> !rule.isEgress() && "0.0.0.0/0".equals(rule.cidrIpv4()));
    }

    /** The sample SSH-to-the-world call, about the stack's group and its rule. */
    private static byte[] authorized(String groupId) throws IOException {
        String text = Files.readString(SampleEvents.path("ec2/authorize-ingress-ssh-world.json"))
                .replace("sg-0a1b2c3d4e5f60718", groupId).replace("sgr-0f1e2d3c4b5a69788", sshRule(groupId));
        ObjectNode event = (ObjectNode) JSON.readTree(text);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventID", UUID.randomUUID().toString()).put("eventTime", now);
        return JSON.writeValueAsBytes(event);
    }

    private static JsonNode decide(Stage stage, String declared, byte[] event) throws IOException {
        String bucket = stage.trailName() + "-rules";
        world.s3().createBucket(request -> request.bucket(bucket));
        world.s3().putObject(request -> request.bucket(bucket).key("team.yaml"), RequestBody.fromString("""
                version: 1
                pipelines:
                  owner: platform
                  principals: ["arn:aws:iam::*:role/terraform-apply"]
                notify:
                  contacts:
                    platform: [{sns: "%s"}]
                overrides:
                  ec2-world-open-ingress: {mode: off}
                rules:
                  - id: ssh-open-declared
                    description: SSH open to the world, in declared state.
                    severity: high
                    mode: enforce
                    declared: %s
                    match:
                      detail: {eventSource: [ec2.amazonaws.com], eventName: [AuthorizeSecurityGroupIngress]}
                    actions: [{action: ec2.revoke-world-ingress}]
                """.formatted(stage.topicArn(), declared)));
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of(),
                Optional.of(RulesLocation.parse("s3://" + bucket + "/team.yaml")), Duration.ofMinutes(1));
        System.setProperty(EC2_ENDPOINT, moto);
        Ec2Handler handler = new Ec2Handler(BackstopComponent.factory().create(settings, Clock.systemUTC()));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer,
                new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    private static JsonNode action(Stage stage, byte[] event) throws IOException {
        String auditId = AuditKeys.decision(JSON.readTree(event).path("detail").path("eventID").asText());
        return JSON.readTree(world.auditItem(stage, auditId).orElseThrow().get("actions").s()).get(0);
    }

    @Test
    void aStacksOpenPortIsRespectedWhereTheRuleSaysSoAndTheOwnerIsTold() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("declared"));
        String stack = stage.trailName() + "-api";
        String groupId = stackWithOpenSsh(stack);
        byte[] event = authorized(groupId);

        JsonNode decision = decide(stage, "respect", event);

        assertThat(decision.path("outcome").asText()).isEqualTo("NOTIFIED");
        assertThat(open(groupId)).isTrue();
        JsonNode action = action(stage, event);
        assertThat(action.path("declared").asText()).isEqualTo("respect: CloudFormation stack " + stack
                + " (its tag aws:cloudformation:stack-name)");
        assertThat(action.path("detail").asText()).contains("respected as the rule says (declared: respect)");
    }

    @Test
    void revertAndTellClosesTheStacksPortAndTellsThePipelinesOwnerItsCodeWillPutItBack() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("declared-tell"));
        String stack = stage.trailName() + "-api";
        String groupId = stackWithOpenSsh(stack);
        byte[] event = authorized(groupId);

        JsonNode decision = decide(stage, "revert-and-tell", event);

        assertThat(decision.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(open(groupId)).isFalse();
        assertThat(action(stage, event).path("declared").asText()).startsWith("revert-and-tell: CloudFormation stack " + stack);
        // The team file's load is notified too (RulesLoaded), before the decision.
        assertThat(world.notifications(stage, 2, Duration.ofSeconds(15)))
                .filteredOn(notice -> notice.subject().contains("REMEDIATED")).singleElement().satisfies(notice ->
                assertThat(JSON.readTree(notice.message()).path("notices").get(0).path("pipelineOwner").asText())
                        .isEqualTo("platform"));
    }
}
