package dev.backstop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backstop.config.Mode;
import dev.backstop.rules.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ChainHashTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A record with every field set, as the engine writes a remediation. */
    static AuditRecord fullRecord(String auditId) {
        ActionResult action = new ActionResult("cloudtrail-logging-stopped", Severity.HIGH, "cloudtrail.start-logging",
                Mode.ENFORCE, "arn:aws:cloudtrail:us-east-1:123456789012:trail/main", Outcome.REMEDIATED,
                Map.of("isLogging", "false"), Map.of("isLogging", "true"), JSON.createObjectNode().put("call", "StopLogging"),
                "started logging");
        return new AuditRecord(auditId, auditId, "StopLogging", "cloudtrail.amazonaws.com", "123456789012",
                "us-east-1", Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T10:00:01.250Z"),
                "arn:aws:sts::123456789012:assumed-role/Dev/mallory", "AssumedRole", "203.0.113.7",
                Outcome.REMEDIATED, "matched cloudtrail-logging-stopped", List.of(action));
    }

    static Map<String, AttributeValue> chainedItem(AuditRecord record) {
        Map<String, AttributeValue> content = new AuditItems(JSON).toItem(record, AuditLog.COMPLETE);
        return AuditChain.chained(content, new ChainHead("123456789012/us-east-1", 6, "a".repeat(64), "previous-id", Map.of()));
    }

    @Test
    void theHashDoesNotDependOnTheOrderOfAttributesOrSetMembers() {
        Map<String, AttributeValue> forward = new LinkedHashMap<>();
        forward.put("auditId", AttributeValue.fromS("e1"));
        forward.put("rules", AttributeValue.fromSs(List.of("a", "b")));
        forward.put("chainPosition", AttributeValue.fromN("7"));
        Map<String, AttributeValue> backward = new LinkedHashMap<>();
        backward.put("chainPosition", AttributeValue.fromN("7"));
        backward.put("rules", AttributeValue.fromSs(List.of("b", "a")));
        backward.put("auditId", AttributeValue.fromS("e1"));

        assertThat(ChainHash.of(forward)).isEqualTo(ChainHash.of(backward));
    }

    @Test
    void theCanonicalFormIsTypedJsonWithSortedNamesAndSets() {
        Map<String, AttributeValue> item = Map.of(
                "reason", AttributeValue.fromS("x\"y"),
                "chainPosition", AttributeValue.fromN("1.50"),
                "resources", AttributeValue.fromSs(List.of("r2", "r1")),
                "fieldDigests", AttributeValue.fromM(Map.of("reason", AttributeValue.fromS("ignored"))),
                "chainHash", AttributeValue.fromS("ignored"),
                "notification", AttributeValue.fromS("sent"));

        assertThat(ChainHash.canonical(item))
                .isEqualTo("{\"chainPosition\":{\"N\":\"1.5\"},\"reason\":{\"S\":\"x\\\"y\"},\"resources\":{\"SS\":[\"r1\",\"r2\"]}}");
    }

    @Test
    void changingAnyHashedFieldOfARecordChangesItsHash() {
        Map<String, AttributeValue> item = chainedItem(fullRecord("e1"));
        String hash = item.get(AuditTable.CHAIN_HASH).s();
        assertThat(ChainHash.of(item)).isEqualTo(hash);
        List<String> hashed = item.keySet().stream().filter(name -> !ChainHash.UNHASHED.contains(name)).toList();
        assertThat(hashed).contains("auditId", "eventId", "eventName", "eventSource", "account", "region", "eventTime",
                "decidedAt", "principal", "principalType", "sourceIp", "outcome", "reason", "actions", "rules",
                "resources", "status", "chain", "chainPosition", "previousHash", "previousAuditId");

        for (String name : hashed) {
            Map<String, AttributeValue> edited = new HashMap<>(item);
            edited.put(name, changed(item.get(name)));
            assertThat(ChainHash.of(edited)).as("hash after changing " + name).isNotEqualTo(hash);
            Map<String, AttributeValue> removed = new HashMap<>(item);
            removed.remove(name);
            assertThat(ChainHash.of(removed)).as("hash after removing " + name).isNotEqualTo(hash);
        }
    }

    @Test
    void anAddedAttributeChangesTheHashButTheNotificationNoteDoesNot() {
        Map<String, AttributeValue> item = chainedItem(fullRecord("e1"));
        String hash = item.get(AuditTable.CHAIN_HASH).s();
        Map<String, AttributeValue> added = new HashMap<>(item);
        added.put("comment", AttributeValue.fromS("all fine"));
        Map<String, AttributeValue> noted = new HashMap<>(item);
        noted.put("notification", AttributeValue.fromS("sent"));

        assertThat(ChainHash.of(added)).isNotEqualTo(hash);
        assertThat(ChainHash.of(noted)).isEqualTo(hash);
    }

    @Test
    void valuesOfEveryTypeAreHashedByValue() {
        Map<String, AttributeValue> item = Map.of(
                "b", AttributeValue.fromB(SdkBytes.fromUtf8String("x")),
                "bool", AttributeValue.fromBool(true),
                "nul", AttributeValue.fromNul(true),
                "ns", AttributeValue.fromNs(List.of("2", "1.0")),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("y"))),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromS("z"))),
                "m", AttributeValue.fromM(Map.of("k", AttributeValue.fromN("3"))));

        assertThat(ChainHash.canonical(item)).isEqualTo("{\"b\":{\"B\":\"eA==\"},\"bool\":{\"BOOL\":true},"
                + "\"bs\":{\"BS\":[\"eQ==\"]},\"l\":{\"L\":[{\"S\":\"z\"}]},\"m\":{\"M\":{\"k\":{\"N\":\"3\"}}},"
                + "\"ns\":{\"NS\":[\"1\",\"2\"]},\"nul\":{\"NULL\":true}}");
        for (String name : item.keySet()) {
            Map<String, AttributeValue> edited = new HashMap<>(item);
            edited.put(name, changed(item.get(name)));
            assertThat(ChainHash.of(edited)).as(name).isNotEqualTo(ChainHash.of(item));
        }
    }

    @Test
    void aChainedRecordReadsBackAsTheRecordItWas() {
        AuditRecord record = fullRecord("e1");

        assertThat(new AuditItems(JSON).fromItem(chainedItem(record))).isEqualTo(record);
    }

    private static AttributeValue changed(AttributeValue value) {
        return switch (value.type()) {
            case S -> AttributeValue.fromS(value.s() + "!");
            case N -> AttributeValue.fromN(value.n() + "1");
            case SS -> AttributeValue.fromSs(List.of("changed"));
            case NS -> AttributeValue.fromNs(List.of("99"));
            case B -> AttributeValue.fromB(SdkBytes.fromUtf8String("changed"));
            case BS -> AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("changed")));
            case BOOL -> AttributeValue.fromBool(!value.bool());
            case NUL -> AttributeValue.fromS("null");
            case L -> AttributeValue.fromL(List.of());
            case M -> AttributeValue.fromM(Map.of());
            default -> throw new IllegalArgumentException(value.toString());
        };
    }
}
