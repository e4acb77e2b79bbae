package dev.backstop.tests;

import dev.backstop.audit.AnchoredHeads;
import dev.backstop.audit.AuditTable;
import dev.backstop.audit.ChainAnchors;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.aws.SignedS3ObjectWriter;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.telemetry.Heartbeat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A Backstop deployment as the template lays it out, built on the emulators resource by resource
 * under the names CloudFormation and the template give them: two functions with a live alias, their
 * rules, the audit table, topic, dead-letter queue, anchor bucket, a team rule file, a canary
 * heartbeat, and a member account with its forwarding rules. Each test breaks one part of it.
 */
final class SelfCheckDeployment {

    static final String HOME = "000000000000";
    static final String ROLE = "BackstopRemediation";
    static final List<String> FUNCTIONS = List.of("cloudtrail", "s3");

    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();
    private static final Region REGION = new DefaultAwsRegionProviderChain().getRegion();
    private static final EnvironmentVariableCredentialsProvider CREDENTIALS = EnvironmentVariableCredentialsProvider.create();
    static final EventBridgeClient EVENTS = AwsClientsModule.build(EventBridgeClient.builder(), HTTP, CREDENTIALS, REGION);
    static final CloudWatchClient CLOUDWATCH = AwsClientsModule.build(CloudWatchClient.builder(), HTTP, CREDENTIALS, REGION);
    static final DynamoDbClient DYNAMODB = AwsClientsModule.build(DynamoDbClient.builder(), HTTP, CREDENTIALS, REGION);
    static final SnsClient SNS = AwsClientsModule.build(SnsClient.builder(), HTTP, CREDENTIALS, REGION);
    static final SqsClient SQS = AwsClientsModule.build(SqsClient.builder(), HTTP, CREDENTIALS, REGION);
    static final S3Client S3 = S3Client.builder().httpClient(HTTP).credentialsProvider(CREDENTIALS).region(REGION)
            .forcePathStyle(true).build();
    private static final MotoFunctions LAMBDAS = new MotoFunctions(REGION);

    final String stack = Emulators.uniquePrefix("sc");
    final String table = stack + "-AuditTable-" + suffix();
    final String topicArn;
    final String queueUrl;
    final String anchorBucket = (stack + "-AnchorBucket-" + suffix()).toLowerCase(Locale.ROOT);
    final RulesLocation rules;
    final String member = "8" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));

    SelfCheckDeployment() {
        this(Instant.now());
    }

    /**
     * @param memberHeartbeat when the member account's canary loop last closed (the home account's
     *     heartbeat is shared with every other test on the emulators, so only the member's can be stale)
     */
    SelfCheckDeployment(Instant memberHeartbeat) {
        FUNCTIONS.forEach(this::function);
        rule("trail-changes", "cloudtrail");
        rule("bucket-changes", "s3");
        DYNAMODB.createTable(AuditTable.createRequest(table).toBuilder().deletionProtectionEnabled(true).build());
        DYNAMODB.waiter().waitUntilTableExists(request -> request.tableName(table));
        DYNAMODB.updateContinuousBackups(request -> request.tableName(table)
                .pointInTimeRecoverySpecification(pitr -> pitr.pointInTimeRecoveryEnabled(true)));
        topicArn = SNS.createTopic(request -> request.name(stack + "-NotificationTopic-" + suffix())).topicArn();
        String inbox = SQS.createQueue(request -> request.queueName(stack + "-inbox")).queueUrl();
        String inboxArn = SQS.getQueueAttributes(request -> request.queueUrl(inbox)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        SNS.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint(inboxArn));
        queueUrl = SQS.createQueue(request -> request.queueName(stack + "-DeadLetterQueue-" + suffix())).queueUrl();
        String rulesBucket = stack + "-team-rules";
        S3.createBucket(request -> request.bucket(rulesBucket));
        S3.putObject(request -> request.bucket(rulesBucket).key("team.yaml"), RequestBody.fromString(teamRules("notify")));
        rules = new RulesLocation(rulesBucket, "team.yaml");
        // A function's first decision puts the team file in force, audited, and records one decision.
        decideOnce();
        S3.createBucket(request -> request.bucket(anchorBucket).objectLockEnabledForBucket(true));
        anchor();
        heartbeat(HOME, Instant.now());
        heartbeat(member, memberHeartbeat);
        memberForwarding();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
    }

    static String teamRules(String mode) {
        return "version: 1\nrules: []\noverrides:\n  cloudtrail-logging-stopped:\n    mode: " + mode + "\n";
    }

    String functionName(String shortName) {
        return stack + "-" + shortName;
    }

    private void function(String shortName) {
        String name = functionName(shortName);
        LAMBDAS.create(name);
        LambdaClient lambda = LAMBDAS.client();
        lambda.updateFunctionConfiguration(request -> request.functionName(name)
                .environment(env -> env.variables(Map.of("BACKSTOP_MODE", "enforce"))));
        String version = LAMBDAS.publish(name);
        lambda.createAlias(request -> request.functionName(name).name("live").functionVersion(version));
        lambda.putFunctionConcurrency(request -> request.functionName(name).reservedConcurrentExecutions(5));
    }

    String aliasArn(String shortName) {
        return "arn:aws:lambda:" + REGION.id() + ":" + HOME + ":function:" + functionName(shortName) + ":live";
    }

    private void rule(String shortName, String function) {
        String name = stack + "-" + shortName;
        EVENTS.putRule(request -> request.name(name).eventPattern("{\"source\":[\"aws.cloudtrail\"]}"));
        EVENTS.putTargets(request -> request.rule(name).targets(target -> target.id("live").arn(aliasArn(function))));
    }

    LambdaClient lambda() {
        return LAMBDAS.client();
    }

    void decideOnce() {
        Settings settings = new Settings(table, topicArn, Mode.ENFORCE, List.of(), Optional.of(rules),
                Duration.ofSeconds(1));
        // What a function's container does when it starts: its rule source reads the team's file.
        BackstopComponent.factory().create(settings, Clock.systemUTC()).rules();
    }

    /** What the trail watchdog's run does: the heads as they are now, under Object Lock. */
    void anchor() {
        AnchoredHeads heads = new ChainAnchors(DYNAMODB, table).heads(Instant.now());
        new SignedS3ObjectWriter(HTTP, CREDENTIALS, REGION).writeLocked(anchorBucket, "chain-heads.json",
                heads.toJson(new com.fasterxml.jackson.databind.ObjectMapper()), Instant.now().plus(Duration.ofDays(1)));
    }

    void heartbeat(String account, Instant at) {
        CLOUDWATCH.putMetricData(request -> request.namespace(Heartbeat.NAMESPACE).metricData(datum -> datum
                .metricName(Heartbeat.METRIC).value(1.0).unit(StandardUnit.COUNT).timestamp(at)
                .dimensions(Dimension.builder().name(Heartbeat.ACCOUNT).value(account).build(),
                        Dimension.builder().name(Heartbeat.REGION).value(REGION.id()).build())));
    }

    /** The member account's own EventBridge, as a principal of that account (LocalStack keys accounts by key id). */
    EventBridgeClient memberEvents() {
        return AwsClientsModule.build(EventBridgeClient.builder(), HTTP,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(member, "test")), REGION);
    }

    private void memberForwarding() {
        try (IamClient iam = AwsClientsModule.build(IamClient.builder(), HTTP,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(member, "test")), REGION)) {
            iam.createRole(request -> request.roleName(ROLE).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + HOME + ":root\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}"));
        }
        EventBridgeClient events = memberEvents();
        String bus = "arn:aws:events:" + REGION.id() + ":" + HOME + ":event-bus/default";
        for (String rule : List.of("backstop-forward", "backstop-forward-ingress", "backstop-forward-rules",
                "backstop-forward-sharing", "backstop-forward-detection", "backstop-forward-findings",
                "backstop-forward-keys")) {
            events.putRule(request -> request.name(rule).eventPattern("{\"source\":[\"aws.cloudtrail\"]}"));
            events.putTargets(request -> request.rule(rule).targets(target -> target.id("backstop-central-bus").arn(bus)));
        }
    }

    /** The deployment's settings, as the functions' environment carries them. */
    Map<String, String> environment() {
        return Map.of(Settings.AUDIT_TABLE, table, Settings.TOPIC_ARN, topicArn, "BACKSTOP_HOME_ACCOUNT", HOME,
                "BACKSTOP_ALLOWED_ACCOUNTS", member, "BACKSTOP_MEMBER_ROLE_NAME", ROLE, Settings.RULES_LOCATION,
                rules.toString());
    }

    CommandRun selfcheck(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("selfcheck", "--stack", stack));
        args.addAll(List.of(extra));
        return CommandRun.with(environment(), args.toArray(String[]::new));
    }
}
