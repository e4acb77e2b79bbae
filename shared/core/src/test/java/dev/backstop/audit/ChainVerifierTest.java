package dev.backstop.audit;

import static dev.backstop.audit.ChainHashTest.JSON;
import static dev.backstop.audit.ChainHashTest.fullRecord;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.FakeDynamoDb;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The verifier's judgement on tampering the emulator tests do not cover: a record rewritten with
 * a hash recomputed to match, digests altered too, the head. {@code AuditTrailIT} covers edits,
 * deletions, swaps and insertions against moto.
 */
class ChainVerifierTest {

    private static final String CHAIN = "123456789012/us-east-1";

    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final ChainVerifier verifier = new ChainVerifier(dynamoDb, "audit");

    @BeforeEach
    void fourRecords() {
        AuditLog log = new AuditLog(dynamoDb, new Settings("audit", "arn:aws:sns:us-east-1:123456789012:t",
                Mode.ENFORCE, List.of()), JSON, new CapturedTelemetry().telemetry());
        for (String id : List.of("e1", "e2", "e3", "e4")) {
            log.record(fullRecord(id));
        }
    }

    private void rewrite(String auditId, String attribute, String value) {
        Map<String, AttributeValue> item = new HashMap<>(dynamoDb.item(auditId));
        item.put(attribute, AttributeValue.fromS(value));
        item.remove(AuditTable.CHAIN_HASH);
        item.put(AuditTable.CHAIN_HASH, AttributeValue.fromS(ChainHash.of(item)));
        item.put(AuditTable.FIELD_DIGESTS, AttributeValue.fromM(ChainHash.fieldDigests(item)));
        dynamoDb.items().put(auditId, item);
    }

    @Test
    void anUntouchedChainIsIntactAndItsHeadIsTheLastRecordsHash() {
        assertThat(verifier.verify()).singleElement().satisfies(report -> {
            assertThat(report.chain()).isEqualTo(CHAIN);
            assertThat(report.length()).isEqualTo(4);
            assertThat(report.intact()).isTrue();
        });
        assertThat(verifier.headOf(CHAIN)).contains("4 " + dynamoDb.attribute("e4", AuditTable.CHAIN_HASH));
    }

    @Test
    void aRecordRewrittenWithAFreshHashIsNamedByTheRecordChainedAfterIt() {
        rewrite("e2", "outcome", "NO_MATCH");

        assertThat(verifier.verify().get(0).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.position()).isEqualTo(2);
            assertThat(problem.auditId()).isEqualTo("e2");
            assertThat(problem.kind()).isEqualTo("edited");
            assertThat(problem.what()).startsWith("its hash was recomputed after a change: e3 at position 3 was"
                    + " chained after a record hashing to ");
        });
    }

    @Test
    void theLastRecordRewrittenWithAFreshHashIsNamedByTheHead() {
        rewrite("e4", "reason", "nothing to see");

        assertThat(verifier.verify().get(0).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.position()).isEqualTo(4);
            assertThat(problem.auditId()).isEqualTo("e4");
            assertThat(problem.what()).startsWith("its hash was recomputed after a change: the head names hash ");
        });
    }

    @Test
    void anEditWithItsDigestsAlteredToMatchIsStillAnEdit() {
        Map<String, AttributeValue> item = new HashMap<>(dynamoDb.item("e3"));
        item.put("principal", AttributeValue.fromS("arn:aws:iam::123456789012:user/nobody"));
        item.put(AuditTable.FIELD_DIGESTS, AttributeValue.fromM(ChainHash.fieldDigests(item)));
        dynamoDb.items().put("e3", item);

        assertThat(verifier.verify().get(0).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.toString()).isEqualTo("chain " + CHAIN + " position 3 audit id e3: edited: its content"
                    + " no longer matches its hash; its content does not match its hash, and its field digests were"
                    + " altered to match it");
        });
    }

    @Test
    void anAddedAndARemovedAttributeAreNamed() {
        Map<String, AttributeValue> item = new HashMap<>(dynamoDb.item("e1"));
        item.remove("sourceIp");
        item.put("comment", AttributeValue.fromS("fine"));
        dynamoDb.items().put("e1", item);

        assertThat(verifier.verify().get(0).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.what()).endsWith("; added comment, removed sourceIp"));
    }

    @Test
    void theNotificationNoteIsNoEdit() {
        new AuditLog(dynamoDb, new Settings("audit", "arn:aws:sns:us-east-1:123456789012:t", Mode.ENFORCE, List.of()),
                JSON, new CapturedTelemetry().telemetry()).noteNotification("e2", "sent");

        assertThat(verifier.verify().get(0).intact()).isTrue();
    }

    @Test
    void aMissingHeadIsNamedAndTheRecordsAreStillChecked() {
        dynamoDb.items().remove(ChainHead.key(CHAIN));
        rewrite("e2", "outcome", "NO_MATCH");

        assertThat(verifier.verify().get(0).problems()).extracting(ChainProblem::kind).containsExactly("head", "edited");
    }
}
