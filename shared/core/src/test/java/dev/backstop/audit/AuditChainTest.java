package dev.backstop.audit;

import static dev.backstop.audit.ChainHashTest.JSON;
import static dev.backstop.audit.ChainHashTest.fullRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.FakeDynamoDb;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

class AuditChainTest {

    private static final String CHAIN = "123456789012/us-east-1";

    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final CapturedTelemetry telemetry = new CapturedTelemetry();

    private AuditLog auditLog(DynamoDbClient client) {
        return new AuditLog(client, new Settings("audit", "arn:aws:sns:us-east-1:123456789012:t", Mode.ENFORCE,
                List.of()), JSON, telemetry.telemetry());
    }

    @Test
    void eachRecordIsChainedToTheOneBeforeItAndTheHeadNamesTheLast() {
        AuditLog log = auditLog(dynamoDb);

        log.record(fullRecord("e1"));
        log.record(fullRecord("e2"));
        log.record(fullRecord("e3"));

        assertThat(dynamoDb.attribute("e1", AuditTable.CHAIN)).isEqualTo(CHAIN);
        assertThat(dynamoDb.attribute("e1", AuditTable.PREVIOUS_HASH)).isEqualTo(ChainHash.GENESIS);
        assertThat(dynamoDb.item("e1")).doesNotContainKey(AuditTable.PREVIOUS_AUDIT_ID);
        for (String[] link : new String[][] {{"e1", "e2"}, {"e2", "e3"}}) {
            assertThat(dynamoDb.attribute(link[1], AuditTable.PREVIOUS_HASH))
                    .isEqualTo(dynamoDb.attribute(link[0], AuditTable.CHAIN_HASH));
            assertThat(dynamoDb.attribute(link[1], AuditTable.PREVIOUS_AUDIT_ID)).isEqualTo(link[0]);
        }
        assertThat(List.of("e1", "e2", "e3")).extracting(id -> dynamoDb.item(id).get(AuditTable.CHAIN_POSITION).n())
                .containsExactly("1", "2", "3");
        ChainHead head = ChainHead.fromItem(dynamoDb.item(ChainHead.key(CHAIN))).orElseThrow();
        assertThat(head.position()).isEqualTo(3);
        assertThat(head.hash()).isEqualTo(dynamoDb.attribute("e3", AuditTable.CHAIN_HASH));
        assertThat(head.auditId()).isEqualTo("e3");
        assertThat(head.last()).isEqualTo(dynamoDb.item("e3"));
        assertThat(dynamoDb.item(ChainHead.REGISTRY_KEY).get(ChainHead.REGISTRY_CHAINS).ss()).containsExactly(CHAIN);
        assertThat(dynamoDb.records().values()).allSatisfy(item ->
                assertThat(ChainHash.of(item)).isEqualTo(item.get(AuditTable.CHAIN_HASH).s()));
    }

    @Test
    void eachAccountAndRegionHasAChainOfItsOwnAndAnUnreadableEventGoesToTheUnattributedChain() {
        AuditLog log = auditLog(dynamoDb);
        AuditRecord elsewhere = fullRecord("e2");
        AuditRecord otherRegion = new AuditRecord("e2", null, null, null, "123456789012", "eu-west-1", null,
                elsewhere.decidedAt(), null, null, null, Outcome.NO_MATCH, "no rule in force matched", List.of());
        AuditRecord rejected = new AuditRecord("rejected#abc", null, null, null, null, null, null, Instant.EPOCH,
                null, null, null, Outcome.REJECTED, "malformed event: detail: is missing", List.of());

        log.record(fullRecord("e1"));
        log.record(otherRegion);
        log.record(rejected);

        assertThat(dynamoDb.attribute("e2", AuditTable.CHAIN)).isEqualTo("123456789012/eu-west-1");
        assertThat(dynamoDb.attribute("rejected#abc", AuditTable.CHAIN)).isEqualTo("unattributed");
        assertThat(List.of("e1", "e2", "rejected#abc"))
                .allSatisfy(id -> assertThat(dynamoDb.item(id).get(AuditTable.CHAIN_POSITION).n()).isEqualTo("1"));
        assertThat(dynamoDb.item(ChainHead.REGISTRY_KEY).get(ChainHead.REGISTRY_CHAINS).ss())
                .containsExactlyInAnyOrder(CHAIN, "123456789012/eu-west-1", "unattributed");
    }

    @Test
    void theClaimIsReplacedByTheChainedRecord() {
        AuditLog log = auditLog(dynamoDb);
        assertThat(log.claim("e1", Instant.EPOCH)).isEqualTo(AuditLog.Claim.FIRST);

        log.record(fullRecord("e1"));

        assertThat(dynamoDb.attribute("e1", "status")).isEqualTo("complete");
        assertThat(dynamoDb.item("e1")).doesNotContainKey("leaseUntil");
        assertThat(log.find("e1")).contains(fullRecord("e1"));
    }

    @Test
    void aChainedRecordIsNeverOverwrittenSoARedeliveredRejectionKeepsTheFirst() {
        AuditLog log = auditLog(dynamoDb);
        log.record(fullRecord("e1"));
        Map<String, AttributeValue> first = Map.copyOf(dynamoDb.item("e1"));
        AuditRecord again = fullRecord("e1");
        AuditRecord later = new AuditRecord("e1", again.eventId(), again.eventName(), again.eventSource(),
                again.account(), again.region(), again.eventTime(), Instant.parse("2026-11-26T00:00:00Z"),
                again.principal(), again.principalType(), again.sourceIp(), again.outcome(), again.reason(),
                again.actions());

        log.record(later);

        assertThat(dynamoDb.item("e1")).isEqualTo(first);
        assertThat(ChainHead.fromItem(dynamoDb.item(ChainHead.key(CHAIN))).orElseThrow().position()).isEqualTo(1);
        assertThat(telemetry.counted(AuditLog.CHAINED_ALREADY)).singleElement()
                .satisfies(line -> assertThat(line.path("auditId").asText()).isEqualTo("e1"));
    }

    @Test
    void aWriterThatLosesTheRaceForTheHeadChainsAfterTheWinnerAtTheSdkEdge() {
        AuditLog log = auditLog(new RacingWriter(dynamoDb, auditLog(dynamoDb)));

        log.record(fullRecord("e2"));

        assertThat(dynamoDb.item("e1").get(AuditTable.CHAIN_POSITION).n()).isEqualTo("1");
        assertThat(dynamoDb.item("e2").get(AuditTable.CHAIN_POSITION).n()).isEqualTo("2");
        assertThat(dynamoDb.attribute("e2", AuditTable.PREVIOUS_HASH))
                .isEqualTo(dynamoDb.attribute("e1", AuditTable.CHAIN_HASH));
    }

    @Test
    void theNextWriterWritesTheRecordOfAWriterThatStoppedAfterMovingTheHeadAtTheSdkEdge() {
        assertThatThrownBy(() -> auditLog(new StoppingWriter(dynamoDb)).record(fullRecord("e1")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(dynamoDb.item("e1")).isNull();

        auditLog(dynamoDb).record(fullRecord("e2"));

        assertThat(dynamoDb.item("e1").get(AuditTable.CHAIN_POSITION).n()).isEqualTo("1");
        assertThat(dynamoDb.attribute("e2", AuditTable.PREVIOUS_HASH))
                .isEqualTo(dynamoDb.attribute("e1", AuditTable.CHAIN_HASH));
        assertThat(ChainHash.of(dynamoDb.item("e1"))).isEqualTo(dynamoDb.attribute("e1", AuditTable.CHAIN_HASH));
    }

    @Test
    void aSecondDeliveryOfARecordWhoseWriterStoppedLeavesAGapThatIsCountedAtTheSdkEdge() {
        assertThatThrownBy(() -> auditLog(new StoppingWriter(dynamoDb)).record(fullRecord("e1")))
                .isInstanceOf(IllegalStateException.class);

        // It finishes the stopped writer's record at position 1, then takes position 2 for the same id.
        auditLog(dynamoDb).record(fullRecord("e1"));

        assertThat(dynamoDb.item("e1").get(AuditTable.CHAIN_POSITION).n()).isEqualTo("1");
        assertThat(telemetry.counted(AuditChain.CHAIN_GAP)).singleElement().satisfies(line -> {
            assertThat(line.path("auditId").asText()).isEqualTo("e1");
            assertThat(line.path("position").asText()).isEqualTo("2");
            assertThat(line.path("chainedAt").asText()).isEqualTo("1");
            assertThat(line.path("level").asText()).isEqualTo("WARN");
        });
    }

    @Test
    void aClaimedRecordIsChainedWithoutAskingWhetherItsIdIsChainedAlready() {
        AuditLog log = auditLog(dynamoDb);
        log.claim("e1", Instant.EPOCH);
        int before = dynamoDb.calls().size();

        log.recordClaimed("e1", fullRecord("e1"));

        assertThat(dynamoDb.callsSince(before)).doesNotContain("GetItem e1")
                .containsExactly("GetItem " + ChainHead.key(CHAIN), "UpdateItem " + ChainHead.REGISTRY_KEY,
                        "PutItem " + ChainHead.key(CHAIN), "PutItem e1");
        assertThat(log.find("e1")).contains(fullRecord("e1"));
    }

    @Test
    void aSecondAppendFromTheSameWriterMovesTheHeadOnWithTwoWritesAndNoRead() {
        AuditLog log = auditLog(dynamoDb);
        decide(log, "e1");
        log.claim("e2", Instant.EPOCH);
        int before = dynamoDb.calls().size();

        log.recordClaimed("e2", fullRecord("e2"));

        assertThat(dynamoDb.callsSince(before)).containsExactly("PutItem " + ChainHead.key(CHAIN), "PutItem e2");
        assertThat(dynamoDb.item("e2").get(AuditTable.CHAIN_POSITION).n()).isEqualTo("2");
        assertThat(dynamoDb.attribute("e2", AuditTable.PREVIOUS_HASH)).isEqualTo(dynamoDb.attribute("e1", AuditTable.CHAIN_HASH));
        assertThat(verifier().verify(CHAIN).problems()).isEmpty();
    }

    @Test
    void anUnclaimedRecordFromAWarmWriterStillAsksWhetherItsIdIsChainedFirst() {
        AuditLog log = auditLog(dynamoDb);
        decide(log, "e1");
        int before = dynamoDb.calls().size();

        log.record(fullRecord("e2"));
        log.record(fullRecord("e2"));

        assertThat(dynamoDb.callsSince(before)).containsExactly("GetItem e2", "PutItem " + ChainHead.key(CHAIN),
                "PutItem e2", "GetItem e2");
        assertThat(telemetry.counted(AuditLog.CHAINED_ALREADY)).hasSize(1);
    }

    @Test
    void whenAnotherWriterMovedTheHeadTheNextAppendReadsItAndTheChainStillVerifies() {
        AuditLog first = auditLog(dynamoDb);
        AuditLog second = auditLog(dynamoDb);
        decide(first, "e1");
        decide(second, "e2");
        first.claim("e3", Instant.EPOCH);
        int before = dynamoDb.calls().size();

        first.recordClaimed("e3", fullRecord("e3"));

        // The move from its own head fails; it reads the head, finds e2 written, and chains after it.
        assertThat(dynamoDb.callsSince(before)).containsExactly("PutItem " + ChainHead.key(CHAIN),
                "GetItem " + ChainHead.key(CHAIN), "GetItem e2", "PutItem " + ChainHead.key(CHAIN), "PutItem e3");
        assertThat(List.of("e1", "e2", "e3")).extracting(id -> dynamoDb.item(id).get(AuditTable.CHAIN_POSITION).n())
                .containsExactly("1", "2", "3");
        assertThat(verifier().verify(CHAIN).problems()).isEmpty();

        // It remembers the head it ended with: warm again.
        first.claim("e4", Instant.EPOCH);
        int warm = dynamoDb.calls().size();
        first.recordClaimed("e4", fullRecord("e4"));
        assertThat(dynamoDb.callsSince(warm)).containsExactly("PutItem " + ChainHead.key(CHAIN), "PutItem e4");
        assertThat(verifier().verify(CHAIN).problems()).isEmpty();
    }

    @Test
    void aWarmWriterThatStopsAfterMovingTheHeadIsFinishedByTheNextWriterFromAnotherContainer() {
        AuditLog stopping = auditLog(dynamoDb);
        AuditLog other = auditLog(dynamoDb);
        decide(stopping, "e1");

        stopBetweenItsTwoPuts(stopping, "e2");
        assertThat(dynamoDb.item("e2")).doesNotContainKey(AuditTable.CHAIN_POSITION);

        decide(other, "e3");

        assertThat(List.of("e1", "e2", "e3")).extracting(id -> dynamoDb.item(id).get(AuditTable.CHAIN_POSITION).n())
                .containsExactly("1", "2", "3");
        assertThat(ChainHash.of(dynamoDb.item("e2"))).isEqualTo(dynamoDb.attribute("e2", AuditTable.CHAIN_HASH));
        assertThat(verifier().verify(CHAIN).problems()).isEmpty();
    }

    @Test
    void aWriterThatStoppedAfterMovingTheHeadForgetsItsHeadAndFinishesItsOwnRecordNextTime() {
        AuditLog log = auditLog(dynamoDb);
        decide(log, "e1");
        stopBetweenItsTwoPuts(log, "e2");
        log.claim("e3", Instant.EPOCH);
        int before = dynamoDb.calls().size();

        log.recordClaimed("e3", fullRecord("e3"));

        assertThat(dynamoDb.callsSince(before)).containsExactly("GetItem " + ChainHead.key(CHAIN), "GetItem e2",
                "PutItem e2", "PutItem " + ChainHead.key(CHAIN), "PutItem e3");
        assertThat(List.of("e1", "e2", "e3")).extracting(id -> dynamoDb.item(id).get(AuditTable.CHAIN_POSITION).n())
                .containsExactly("1", "2", "3");
        assertThat(verifier().verify(CHAIN).problems()).isEmpty();
    }

    @Test
    void aRememberedHeadIsNotTrustedWhenTheHeadAtItsPositionHasAnotherHash() {
        AuditLog log = auditLog(dynamoDb);
        decide(log, "e1");
        // The table emptied and refilled by another writer up to the same position.
        dynamoDb.items().clear();
        decide(auditLog(dynamoDb), "other");
        log.claim("e2", Instant.EPOCH);

        log.recordClaimed("e2", fullRecord("e2"));

        assertThat(dynamoDb.attribute("e2", AuditTable.PREVIOUS_AUDIT_ID)).isEqualTo("other");
        assertThat(verifier().verify(CHAIN).problems()).isEmpty();
    }

    @Test
    void aRecordOfAnotherIdThanTheClaimedOneIsCheckedAsAnUnclaimedOneIs() {
        AuditLog log = auditLog(dynamoDb);
        log.record(fullRecord("e1"));
        log.claim("e2", Instant.EPOCH);

        log.recordClaimed("e2", fullRecord("e1"));

        assertThat(telemetry.counted(AuditLog.CHAINED_ALREADY)).hasSize(1);
        assertThat(ChainHead.fromItem(dynamoDb.item(ChainHead.key(CHAIN))).orElseThrow().position()).isEqualTo(1);
    }

    private static void decide(AuditLog log, String id) {
        assertThat(log.claim(id, Instant.EPOCH).held()).isTrue();
        log.recordClaimed(id, fullRecord(id));
    }

    /** Claims and records the event, and fails its record put after the head moved, as a Lambda that times out there. */
    private void stopBetweenItsTwoPuts(AuditLog log, String id) {
        log.claim(id, Instant.EPOCH);
        dynamoDb.failPutOnce(item -> item.get(AuditTable.KEY).s().equals(id) && item.containsKey(AuditTable.CHAIN_POSITION),
                () -> new IllegalStateException("the invocation timed out"));
        assertThatThrownBy(() -> log.recordClaimed(id, fullRecord(id))).hasMessageContaining("timed out");
    }

    private ChainVerifier verifier() {
        return new ChainVerifier(dynamoDb, "audit");
    }

    /** Another writer appends e1 after this one read the head and before it moves it. */
    private static final class RacingWriter extends Delegate {
        private final AuditLog other;
        private boolean raced;

        RacingWriter(FakeDynamoDb table, AuditLog other) {
            super(table);
            this.other = other;
        }

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            if (!raced && request.item().get(AuditTable.KEY).s().startsWith("chain#head#")) {
                raced = true;
                other.record(fullRecord("e1"));
            }
            return table.putItem(request);
        }
    }

    /** A Lambda that dies between moving the head and writing its record. */
    private static final class StoppingWriter extends Delegate {
        StoppingWriter(FakeDynamoDb table) {
            super(table);
        }

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            if (request.item().containsKey(AuditTable.CHAIN_POSITION)) {
                throw new IllegalStateException("the invocation timed out");
            }
            return table.putItem(request);
        }
    }

    private abstract static class Delegate implements DynamoDbClient {
        final FakeDynamoDb table;

        Delegate(FakeDynamoDb table) {
            this.table = table;
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return table.getItem(request);
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            return table.updateItem(request);
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}
