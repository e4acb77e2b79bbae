package dev.backstop.channels;

import static dev.backstop.channels.ChannelFixtures.JSON;
import static dev.backstop.channels.ChannelFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.AuditTable;
import dev.backstop.audit.ChainVerifier;
import dev.backstop.audit.Outcome;
import dev.backstop.rules.ChannelTarget;
import dev.backstop.rules.Directives;
import dev.backstop.rules.Organization;
import dev.backstop.rules.Pipelines;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.Routing;
import dev.backstop.telemetry.Telemetry;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeSns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveriesTest {

    private static final ChannelTarget.SnsTopic TOPIC = new ChannelTarget.SnsTopic("arn:aws:sns:eu-west-1:111122223333:pay");
    private static final ChannelTarget.Webhook HOOK = new ChannelTarget.Webhook("backstop/hooks/payments");

    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final FakeSns sns = new FakeSns();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Telemetry telemetry = new Telemetry(new PrintStream(log, true, StandardCharsets.UTF_8), JSON,
            ChannelFixtures.CLOCK);
    private final AuditLog audit = new AuditLog(dynamoDb, "audit", JSON, telemetry);
    private final List<String> hooked = new ArrayList<>();
    private boolean hookDown;
    private final Channel hook = (notice, target) -> {
        if (hookDown) {
            throw new DeliveryException("webhook https://hooks.example.com answered HTTP 503");
        }
        hooked.add(notice.auditId());
        return "sent (HTTP 200)";
    };

    private Deliveries deliveries(Routing routing) {
        RuleBook book = RuleBook.compile(List.of(), routing);
        return new Deliveries(Map.of("sns", new SnsChannel(sns), "webhook", hook), () -> book, audit, telemetry);
    }

    @Test
    void eachChannelOfTheOwnerGetsTheNoticeAndTheRecordNotesIt() {
        AuditRecord record = record("a-1", Outcome.REMEDIATED);
        audit.record(record);

        List<Delivery> done = deliveries(ChannelFixtures.routing(TOPIC, HOOK)).deliver(record);

        assertThat(done).extracting(Delivery::status).containsExactly("sent", "sent");
        assertThat(sns.published()).singleElement().satisfies(published -> {
            assertThat(published.topicArn()).isEqualTo(TOPIC.topicArn());
            assertThat(published.message()).contains("Owner: payments (resource tag owner=payments)");
        });
        assertThat(hooked).containsExactly("a-1");
        assertThat(audit.deliveries("a-1")).containsExactlyInAnyOrder(
                "sent sns " + TOPIC.topicArn() + " for cloudtrail-logging-stopped on " + ChannelFixtures.TRAIL
                        + ": sent (message m-1)",
                "sent webhook (secret backstop/hooks/payments) for cloudtrail-logging-stopped on " + ChannelFixtures.TRAIL
                        + ": sent (HTTP 200)");
    }

    @Test
    void aFailedChannelIsAMetricAndANoteAndTheOthersStillGetTheirs() throws Exception {
        AuditRecord record = record("a-2", Outcome.REMEDIATED);
        audit.record(record);
        hookDown = true;

        List<Delivery> done = deliveries(ChannelFixtures.routing(HOOK, TOPIC)).deliver(record);

        assertThat(done).extracting(Delivery::status).containsExactly("failed", "sent");
        assertThat(sns.published()).hasSize(1);
        assertThat(audit.deliveries("a-2")).anySatisfy(note -> assertThat(note).startsWith("failed webhook")
                .endsWith(": webhook https://hooks.example.com answered HTTP 503"));
        JsonNode metric = JSON.readTree(log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("DeliveryFailed")).findFirst().orElseThrow());
        assertThat(metric.path("Channel").asText()).isEqualTo("webhook");
        assertThat(metric.path("DeliveryFailed").asInt()).isEqualTo(1);
        assertThat(metric.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Name").asText())
                .isEqualTo("DeliveryFailed");
    }

    @Test
    void aSecondDeliveryOfTheSameRecordRetriesOnlyWhatFailed() {
        AuditRecord record = record("a-3", Outcome.REMEDIATED);
        audit.record(record);
        hookDown = true;
        Deliveries deliveries = deliveries(ChannelFixtures.routing(TOPIC, HOOK));
        deliveries.deliver(record);
        hookDown = false;

        List<Delivery> again = deliveries.deliver(record);

        assertThat(again).extracting(Delivery::key).singleElement().asString().startsWith("webhook");
        assertThat(sns.published()).hasSize(1);
        assertThat(hooked).containsExactly("a-3");
    }

    @Test
    void theDeliveryNotesStayOutsideTheChainsHash() {
        AuditRecord record = record("a-4", Outcome.REMEDIATED);
        audit.record(record);
        String hash = dynamoDb.attribute("a-4", AuditTable.CHAIN_HASH);

        deliveries(ChannelFixtures.routing(TOPIC)).deliver(record);

        assertThat(dynamoDb.item("a-4")).containsKey(AuditTable.DELIVERIES);
        assertThat(new ChainVerifier(dynamoDb, "audit").verify()).allSatisfy(report -> assertThat(report.intact()).isTrue())
                .isNotEmpty();
        assertThat(dynamoDb.attribute("a-4", AuditTable.CHAIN_HASH)).isEqualTo(hash);
    }

    @Test
    void revertedDeclaredStateReachesThePipelinesOwnerToo() {
        AuditRecord record = record("a-6", Outcome.REMEDIATED);
        AuditRecord declared = new AuditRecord(record.auditId(), record.eventId(), record.eventName(), record.eventSource(),
                record.account(), record.region(), record.eventTime(), record.decidedAt(), record.principal(),
                record.principalType(), record.sourceIp(), record.outcome(), record.reason(), List.of(record.actions().get(0)
                        .withContext(Map.of("owner", "payments"), "", "revert-and-tell: pipeline principal terraform")));
        audit.record(declared);
        Routing routing = new Routing(List.of("owner"), Map.of("payments", List.of(TOPIC), "platform", List.of(HOOK)),
                Map.of(), Optional.empty(), "team.yaml:3");
        RuleBook book = RuleBook.compile(List.of(), new Directives(routing, Organization.NONE,
                new Pipelines(List.of(), Map.of(), Optional.of("platform"), Duration.ZERO, "team.yaml:9"), Optional.empty()));

        List<Delivery> done = new Deliveries(Map.of("sns", new SnsChannel(sns), "webhook", hook), () -> book, audit, telemetry)
                .deliver(declared);

        assertThat(done).extracting(Delivery::contact).containsExactly("payments", "platform");
        assertThat(hooked).containsExactly("a-6");
    }

    @Test
    void withoutAContactOnlyTheDefaultTopicHearsAndNothingIsDelivered() {
        AuditRecord record = record("a-5", Outcome.REMEDIATED);
        audit.record(record);

        assertThat(deliveries(Routing.NONE).deliver(record)).isEmpty();
        assertThat(sns.published()).isEmpty();
    }
}
