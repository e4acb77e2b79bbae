package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Notification;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.handlers.alarm.AlarmDeliveryHandler;
import dev.backstop.handlers.alarm.AlarmHandler;
import dev.backstop.handlers.alarm.SnsAlarmHandler;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An alarm through SNS to the SNS alarm handler, on the emulators: a CloudWatch alarm (LocalStack)
 * whose action is a topic, set to ALARM; the message CloudWatch published, read from a queue
 * subscribed to the topic and wrapped as Lambda wraps an SNS delivery, is handed to the handler;
 * the decision, the audit record (moto's DynamoDB) and the notification are read back, and the
 * same state change delivered again, by SNS and as EventBridge would to {@link AlarmHandler}, acts
 * no more. With a team file setting the rollback rule to enforce, the same path moves a Lambda alias
 * (moto's Lambda) back to its previous version, and {@code ./backstop undo} moves it forward. The
 * deployment the correlation finds comes from CloudTrail faked at the SDK edge ({@link History}),
 * as neither emulator serves LookupEvents.
 */
class AlarmLoopIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOYER = "arn:aws:sts::000000000000:assumed-role/deployer/ci-4711";

    private static DemoWorld world;
    private static CloudWatchClient cloudWatch;
    private static SnsClient sns;
    private static SqsClient sqs;
    private static final List<Runnable> cleanUp = new ArrayList<>();

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        var http = UrlConnectionHttpClient.create();
        var credentials = EnvironmentVariableCredentialsProvider.create();
        cloudWatch = AwsClientsModule.build(CloudWatchClient.builder(), http, credentials, region);
        sns = AwsClientsModule.build(SnsClient.builder(), http, credentials, region);
        sqs = AwsClientsModule.build(SqsClient.builder(), http, credentials, region);
    }

    @AfterAll
    static void removeWhatTheTestsMade() {
        cleanUp.forEach(Runnable::run);
    }

    /** CloudTrail's event history at the SDK edge: every lookup finds the one deployment. */
    private static final class History implements CloudTrailClient {

        private final List<Event> events;
        private final List<LookupEventsRequest> requests = new ArrayList<>();

        History(Event... events) {
            this.events = List.of(events);
        }

        @Override
        public LookupEventsResponse lookupEvents(LookupEventsRequest request) {
            requests.add(request);
            return LookupEventsResponse.builder().events(events).build();
        }

        @Override
        public String serviceName() {
            return "cloudtrail";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anAlarmPublishedToTheTopicIsDecidedAuditedAndNotifiedWithTheDeploymentBeforeIt() throws IOException {
        String prefix = Emulators.uniquePrefix("alarm");
        Stage stage = world.build(prefix);
        String function = prefix + "-checkout";
        String alarmName = prefix + " checkout errors";
        AlarmTopic topic = alarmTopicWithQueue(prefix);
        errorsAlarm(alarmName, function, topic);
        Instant setAt = Instant.now();
        History history = new History(deployment(function, setAt.minusSeconds(120)));

        cloudWatch.setAlarmState(request -> request.alarmName(alarmName).stateValue(StateValue.ALARM)
                .stateReason("Threshold Crossed: 1 datapoint [3.0] was greater than the threshold (0.0)."));
        byte[] delivery = lambdaSnsEvent(receiveOne(topic.queueUrl()));
        JsonNode answer = deliver(stage, history, delivery);

        assertThat(answer.path("outcome").asText()).isEqualTo("NOTIFIED");
        String auditId = answer.path("auditId").asText();
        assertThat(auditId).startsWith("decision#arn:aws:cloudwatch:").contains(":alarm:" + alarmName + "#");
        Map<String, AttributeValue> record = world.auditItem(stage, auditId).orElseThrow();
        assertThat(record.get("outcome").s()).isEqualTo("NOTIFIED");
        assertThat(record.get("alarmName").s()).isEqualTo(alarmName);
        assertThat(record.get("alarmState").s()).isEqualTo("ALARM");
        assertThat(record.get("alarmReason").s()).startsWith("Threshold Crossed");
        // The shipped rollback rule matches too (its deployment is in the window), in its shipped notify mode.
        assertThat(record.get("rules").ss())
                .containsExactlyInAnyOrder("alarm-lambda-ec2-notify", "alarm-lambda-rollback-after-deployment");
        assertThat(record.get("alarmResources").ss()).containsExactly(function);
        assertThat(record.get("changes").s()).contains("\"eventId\":\"deploy-" + function + "\"").contains(DEPLOYER);
        assertThat(record.get("notification").s()).isEqualTo("sent");
        assertThat(history.requests).singleElement().satisfies(request -> {
            assertThat(request.lookupAttributes().get(0).attributeValue()).isEqualTo("lambda.amazonaws.com");
            assertThat(Duration.between(request.startTime(), request.endTime())).isEqualTo(Duration.ofMinutes(15));
        });
        List<Notification> notifications = world.notifications(stage, 1, Duration.ofSeconds(10));
        assertThat(notifications).singleElement().satisfies(notification -> {
            assertThat(notification.subject()).isEqualTo("Backstop NOTIFIED: alarm " + alarmName + " is ALARM");
            assertThat(notification.message()).contains("UpdateAlias20150331 by " + DEPLOYER);
        });

        // SNS may deliver twice, and EventBridge delivers the same state change to the other handler: it acts once.
        assertThat(deliver(stage, history, delivery).path("outcome").asText()).isEqualTo("DUPLICATE");
        JsonNode fromEventBridge = deliverToAlarmHandler(stage, history, eventBridgeEvent(delivery));
        assertThat(fromEventBridge.path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(fromEventBridge.path("auditId").asText()).startsWith(auditId + "#duplicate#");
    }

    @Test
    void anErrorAlarmAfterADeploymentRollsTheAliasBackThroughTheTopicAndUndoMovesItForward() throws IOException {
        String prefix = Emulators.uniquePrefix("rollback");
        Stage stage = world.build(prefix);
        MotoFunctions functions = new MotoFunctions(new DefaultAwsRegionProviderChain().getRegion());
        String function = prefix + "-checkout";
        functions.create(function);
        String v1 = functions.publish(function);
        functions.client().createAlias(request -> request.functionName(function).name("live").functionVersion(v1));
        functions.client().updateFunctionCode(request -> request.functionName(function)
                .zipFile(MotoFunctions.code("release 2")));
        String v2 = functions.publish(function);
        functions.client().updateAlias(request -> request.functionName(function).name("live").functionVersion(v2));
        Settings settings = withTeamRules(stage, prefix, """
                version: 1
                rules: []
                overrides:
                  alarm-lambda-rollback-after-deployment:
                    mode: enforce
                """);
        String alarmName = prefix + " checkout errors";
        AlarmTopic topic = alarmTopicWithQueue(prefix);
        errorsAlarm(alarmName, function, topic);
        History history = new History(deployment(function, Instant.now().minusSeconds(120)));

        cloudWatch.setAlarmState(request -> request.alarmName(alarmName).stateValue(StateValue.ALARM)
                .stateReason("Threshold Crossed: 1 datapoint [5.0] was greater than the threshold (0.0)."));
        JsonNode answer = invoke(new SnsAlarmHandler(DaggerAlarmItComponent.factory().create(settings,
                Clock.systemUTC(), history)), lambdaSnsEvent(receiveOne(topic.queueUrl())));

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(functions.aliasVersion(function)).as("the alias, read back from Lambda").isEqualTo(v1);
        String auditId = answer.path("auditId").asText();
        Map<String, AttributeValue> record = world.auditItem(stage, auditId).orElseThrow();
        assertThat(record.get("rules").ss()).contains("alarm-lambda-rollback-after-deployment");
        assertThat(record.get("changes").s()).contains("UpdateAlias20150331").contains(DEPLOYER);

        CommandRun undo = CommandRun.of("undo", auditId, "--yes", "--table", stage.auditTable(), "--topic",
                stage.topicArn());
        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(functions.aliasVersion(function)).as("undo moves the alias forward again").isEqualTo(v2);
    }

    /** An errors alarm on the function's {@code live} alias whose action publishes to the topic. */
    private static void errorsAlarm(String alarmName, String function, AlarmTopic topic) {
        cloudWatch.putMetricAlarm(request -> request.alarmName(alarmName).namespace("AWS/Lambda").metricName("Errors")
                .dimensions(Dimension.builder().name("FunctionName").value(function).build(),
                        Dimension.builder().name("Resource").value(function + ":live").build())
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(0.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(topic.arn()));
        cleanUp.add(() -> cloudWatch.deleteAlarms(request -> request.alarmNames(alarmName)));
    }

    /** The stage's settings in enforce mode with a team rule file in the emulators' S3. */
    private static Settings withTeamRules(Stage stage, String prefix, String teamFile) {
        String bucket = prefix + "-rules";
        world.s3().createBucket(request -> request.bucket(bucket));
        world.s3().putObject(request -> request.bucket(bucket).key("team.yaml"), RequestBody.fromString(teamFile));
        return new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of(),
                Optional.of(RulesLocation.parse("s3://" + bucket + "/team.yaml")), Settings.DEFAULT_RULES_TTL);
    }

    /** The EventBridge "CloudWatch Alarm State Change" of the state change an SNS delivery carries. */
    private static byte[] eventBridgeEvent(byte[] snsDelivery) throws IOException {
        JsonNode message = JSON.readTree(JSON.readTree(snsDelivery).path("Records").get(0).path("Sns").path("Message").asText());
        ObjectNode event = (ObjectNode) JSON.readTree(SampleEvents.path("alarms/eventbridge-lambda-errors.json").toFile());
        event.putArray("resources").add(message.path("AlarmArn").asText());
        event.put("account", message.path("AWSAccountId").asText());
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("alarmName", message.path("AlarmName").asText());
        ((ObjectNode) detail.path("state")).put("timestamp", message.path("StateChangeTime").asText());
        return JSON.writeValueAsBytes(event);
    }


    private static JsonNode deliver(Stage stage, CloudTrailClient history, byte[] delivery) throws IOException {
        return invoke(new SnsAlarmHandler(component(stage, history)), delivery);
    }

    private static JsonNode deliverToAlarmHandler(Stage stage, CloudTrailClient history, byte[] event) throws IOException {
        return invoke(new AlarmHandler(component(stage, history)), event);
    }

    private static AlarmItComponent component(Stage stage, CloudTrailClient history) {
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of());
        return DaggerAlarmItComponent.factory().create(settings, Clock.systemUTC(), history);
    }

    private static JsonNode invoke(AlarmDeliveryHandler handler, byte[] payload) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload), answer,
                new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    private static Event deployment(String function, Instant at) {
        String record = """
                {"userIdentity":{"type":"AssumedRole","arn":"%s"},"eventSource":"lambda.amazonaws.com",\
                "eventName":"UpdateAlias20150331","requestParameters":{"functionName":"%s","name":"live"},\
                "readOnly":false}""".formatted(DEPLOYER, function);
        return Event.builder().eventId("deploy-" + function).eventName("UpdateAlias20150331")
                .eventSource("lambda.amazonaws.com").eventTime(at).cloudTrailEvent(record).build();
    }

    /** The topic an alarm publishes to, and the queue subscribed to it in place of the handler's subscription. */
    private record AlarmTopic(String arn, String queueUrl) {
    }

    private static AlarmTopic alarmTopicWithQueue(String prefix) {
        String topicArn = sns.createTopic(request -> request.name(prefix + "-alarms")).topicArn();
        String queueUrl = sqs.createQueue(request -> request.queueName(prefix + "-alarm-deliveries")).queueUrl();
        String queueArn = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        cleanUp.add(() -> sqs.deleteQueue(request -> request.queueUrl(queueUrl)));
        cleanUp.add(() -> sns.deleteTopic(request -> request.topicArn(topicArn)));
        return new AlarmTopic(topicArn, queueUrl);
    }

    private static String receiveOne(String queueUrl) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(1)
                    .waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                return messages.get(0).body();
            }
        }
        throw new AssertionError("CloudWatch published nothing to the alarm topic within 15 s");
    }

    /** The SNS envelope SQS received, as Lambda hands an SNS delivery to a function: {@code Records[].Sns}. */
    private static byte[] lambdaSnsEvent(String envelopeText) throws IOException {
        JsonNode envelope = JSON.readTree(envelopeText);
        ObjectNode event = JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("EventSource", "aws:sns").put("EventVersion", "1.0")
                .put("EventSubscriptionArn", envelope.path("TopicArn").asText() + ":subscription");
        ObjectNode snsPart = record.putObject("Sns");
        for (String field : List.of("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp",
                "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL")) {
            if (envelope.hasNonNull(field)) {
                snsPart.set(field.replace("URL", "Url"), envelope.get(field));
            }
        }
        snsPart.putObject("MessageAttributes");
        return JSON.writeValueAsBytes(event);
    }
}
