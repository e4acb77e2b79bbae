package dev.backstop.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.ChainVerifier;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.config.Mode;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.ChannelTarget;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.Routing;
import dev.backstop.rules.Severity;
import dev.backstop.telemetry.Telemetry;
import dev.backstop.testing.LocalHttpServer;
import dev.backstop.testing.MutableClock;
import dev.backstop.tests.Emulators;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The notification channels against the emulators: secrets on LocalStack's Secrets Manager, the
 * ticket index and the delivery notes in the audit table on moto's DynamoDB, the chat and owner
 * topics on LocalStack's SNS (read back through queues), and Jira as a local HTTPS server that
 * checks the requests' shape.
 */
class NotificationChannelsIT {

    private static final ObjectMapper JSON = EngineModule.objectMapper();
    private static final String ACCOUNT = "111122223333";
    private static final String GROUP = "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0it";

    private static DemoWorld world;
    private static Stage chat;
    private static Stage owner;
    private static SecretsManagerClient secretsManager;
    private static DynamoDbClient dynamoDb;
    private static SnsClient sns;
    private static String prefix;
    private static LocalHttpServer jira;
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        String name = Emulators.uniquePrefix("notify");
        chat = world.build(name + "-chat");
        owner = world.build(name + "-owner");
        var http = UrlConnectionHttpClient.create();
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        var region = new DefaultAwsRegionProviderChain().getRegion();
        secretsManager = AwsClientsModule.build(SecretsManagerClient.builder(), http, credentials, region);
        dynamoDb = AwsClientsModule.build(DynamoDbClient.builder(), http, credentials, region);
        sns = AwsClientsModule.build(SnsClient.builder(), http, credentials, region);
        prefix = "backstop/" + name + "/";
        jira = LocalHttpServer.https();
        secretsManager.createSecret(request -> request.name(prefix + "jira")
                .secretString("{\"email\":\"bot@example.com\",\"apiToken\":\"it-token\"}"));
    }

    @AfterAll
    static void stop() {
        jira.close();
    }

    @Test
    void secretsAreReadFromSecretsManagerAndARotationIsSeenAfterTheCacheTime() {
        secretsManager.createSecret(request -> request.name(prefix + "rotating").secretString("{\"token\":\"one\"}"));
        Secrets secrets = secrets();

        assertThat(secrets.read(prefix + "rotating").path("token").asText()).isEqualTo("one");
        secretsManager.putSecretValue(request -> request.secretId(prefix + "rotating").secretString("{\"token\":\"two\"}"));
        assertThat(secrets.read(prefix + "rotating").path("token").asText()).isEqualTo("one");
        CLOCK.advance(Secrets.TTL.plusSeconds(1));
        assertThat(secrets.read(prefix + "rotating").path("token").asText()).isEqualTo("two");
    }

    @Test
    void aMissingSecretIsAFailedDeliveryNamingSecretsManagersError() {
        assertThatThrownBy(() -> secrets().read(prefix + "absent"))
                .isInstanceOf(DeliveryException.class)
                .hasMessageStartingWith("cannot read secret " + prefix + "absent: ResourceNotFoundException");
    }

    @Test
    void theTicketIndexOpensOneTicketPerKeyWhateverTheRace() {
        DynamoTicketIndex index = new DynamoTicketIndex(dynamoDb, chat.auditTable(), CLOCK);
        TicketKey key = new TicketKey("jira", "https://acme.atlassian.net/PAY", "rule", Emulators.uniquePrefix("res"));

        assertThat(index.claim(key, "a-1")).isTrue();
        assertThat(index.claim(key, "a-2")).isFalse();
        assertThat(index.find(key)).contains(new TicketIndex.Entry.Opening("a-1"));
        index.release(key, "a-1");
        assertThat(index.claim(key, "a-2")).isTrue();
        index.opened(key, "a-2", new TicketIndex.Ticket("10001", "PAY-1"));
        assertThat(index.find(key)).contains(new TicketIndex.Entry.Open(new TicketIndex.Ticket("10001", "PAY-1")));
        assertThat(index.claim(key, "a-3")).isFalse();
        index.resolved(key, "undo#a-2");
        assertThat(index.find(key)).isEmpty();
        assertThat(index.claim(key, "a-4")).isTrue();
    }

    @Test
    void aClaimLeftByACrashIsTakenOverOnceItIsStale() {
        DynamoTicketIndex index = new DynamoTicketIndex(dynamoDb, chat.auditTable(), CLOCK);
        TicketKey key = new TicketKey("servicenow", "https://acme.service-now.com/incident", "rule",
                Emulators.uniquePrefix("res"));
        index.claim(key, "crashed");

        assertThat(index.claim(key, "a-1")).isFalse();
        CLOCK.advance(DynamoTicketIndex.STALE_CLAIM.plusSeconds(1));
        assertThat(index.claim(key, "a-1")).isTrue();
    }

    @Test
    void aDecisionReachesTheOwnersChatTopicTopicAndJiraAndTheRecordNotesEach() throws Exception {
        String auditId = Emulators.uniquePrefix("ev");
        AuditLog audit = new AuditLog(dynamoDb, chat.auditTable(), JSON,
                new Telemetry(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), JSON, CLOCK));
        AuditRecord record = record(auditId, Outcome.REMEDIATED);
        audit.record(record);
        jira.answer("POST", "/rest/api/2/issue", 201, "{\"id\":\"10001\",\"key\":\"PAY-1\"}");
        jira.answer("POST", "/rest/api/2/issue/PAY-1/comment", 201, "{}");
        jira.answer("GET", "/rest/api/2/issue/PAY-1/transitions", 200,
                "{\"transitions\":[{\"id\":\"31\",\"name\":\"Done\",\"to\":{\"statusCategory\":{\"key\":\"done\"}}}]}");
        jira.answer("POST", "/rest/api/2/issue/PAY-1/transitions", 204, "");
        ChannelTarget.Jira jiraTarget = new ChannelTarget.Jira(jira.uri("").toString(), "PAY", "Task", prefix + "jira",
                Optional.empty());
        Deliveries deliveries = deliveries(audit, new Routing(List.of("owner"),
                Map.of("payments", List.of(new ChannelTarget.ChatbotTopic(chat.topicArn()),
                        new ChannelTarget.SnsTopic(owner.topicArn()), jiraTarget)),
                Map.of(ACCOUNT, new Routing.Account("payments-prod", null)), Optional.empty(), "team.yaml:3"));

        List<Delivery> first = deliveries.deliver(record);
        AuditRecord repeat = record(auditId + "-again", Outcome.REMEDIATED);
        audit.record(repeat);
        deliveries.deliver(repeat);

        assertThat(first).extracting(Delivery::status).containsExactly("sent", "sent", "sent");
        JsonNode chatMessage = JSON.readTree(world.notifications(chat, 2, Duration.ofSeconds(15)).get(0).message());
        assertThat(chatMessage.path("version").asText()).isEqualTo("1.0");
        assertThat(chatMessage.path("source").asText()).isEqualTo("custom");
        assertThat(chatMessage.path("content").path("description").asText()).contains("111122223333 (payments-prod)");
        assertThat(world.notifications(owner, 2, Duration.ofSeconds(15))).first().satisfies(message ->
                assertThat(message.message()).contains("Audit id: " + auditId, "Undo: ./backstop undo " + auditId + " --yes"));
        assertThat(jira.requests()).extracting(request -> request.method() + " " + request.path())
                .containsExactly("POST /rest/api/2/issue", "POST /rest/api/2/issue/PAY-1/comment");
        assertThat(jira.requests().get(0).header("Authorization")).hasValueSatisfying(value ->
                assertThat(value).startsWith("Basic "));
        assertThat(audit.deliveries(auditId)).hasSize(3).allSatisfy(note -> assertThat(note).startsWith("sent "));
        assertThat(audit.deliveries(auditId)).anySatisfy(note -> assertThat(note).endsWith(": opened PAY-1"));
        assertThat(audit.deliveries(auditId + "-again")).anySatisfy(note -> assertThat(note).endsWith(": updated PAY-1"));

        AuditRecord undone = record("undo#" + auditId, Outcome.UNDONE);
        audit.record(undone);
        deliveries.deliver(undone);

        assertThat(audit.deliveries("undo#" + auditId)).anySatisfy(note -> assertThat(note).endsWith(": resolved PAY-1"));
        assertThat(new ChainVerifier(dynamoDb, chat.auditTable()).verify())
                .allSatisfy(report -> assertThat(report.problems()).isEmpty());
    }

    private static Deliveries deliveries(AuditLog audit, Routing routing) {
        HttpJson http = new HttpJson(HttpClient.newBuilder().sslContext(jira.clientContext()).build(),
                EgressGuard.allowingLoopback(), JSON);
        TicketIndex index = new DynamoTicketIndex(dynamoDb, chat.auditTable(), CLOCK);
        Secrets secrets = secrets();
        Map<String, Channel> channels = Map.of(
                "sns", new SnsChannel(sns),
                "chatbot", new ChatbotChannel(sns, JSON),
                "jira", new JiraChannel(http, secrets, index, JSON));
        RuleBook book = RuleBook.compile(List.of(), routing);
        return new Deliveries(channels, () -> book, audit,
                new Telemetry(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), JSON, CLOCK));
    }

    private static Secrets secrets() {
        return new Secrets(secretsManager, new ChannelSettings("backstop/"), JSON, CLOCK);
    }

    private static AuditRecord record(String auditId, Outcome outcome) {
        ActionResult action = new ActionResult("world-ingress", Severity.HIGH, "ec2.revoke-world-ingress", Mode.ENFORCE,
                GROUP, outcome, Map.of(), Map.of(), outcome == Outcome.REMEDIATED ? JsonNodeFactory.instance.objectNode().put("call", "Authorize")
                        : ActionResult.noUndo(),
                "revoked 0.0.0.0/0:22", Map.of("owner", "payments"));
        return new AuditRecord(auditId, auditId, "AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", ACCOUNT, "eu-west-1",
                CLOCK.instant(), CLOCK.instant(), "arn:aws:iam::111122223333:user/dev", "IAMUser", "198.51.100.4", outcome,
                "decided", List.of(action));
    }
}
