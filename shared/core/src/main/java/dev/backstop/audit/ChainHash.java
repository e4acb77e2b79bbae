package dev.backstop.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hash that chains an audit item to the one before it: SHA-256 of the item's canonical form,
 * a JSON object of every attribute but the excluded ones, names sorted, each value typed as
 * DynamoDB types it ({@code {"S":"..."}}, {@code {"N":"12"}}, {@code {"SS":[sorted]}}, ...), numbers
 * normalised and sets sorted, so the hash does not depend on the order DynamoDB returns anything in.
 * The chain attributes ({@code chain}, {@code chainPosition}, {@code previousHash},
 * {@code previousAuditId}) are hashed like any other, so moving a record changes its hash.
 *
 * <p>Left out: the hash itself, the per-field digests derived from the content, and the notes set
 * after the record is chained: {@code notification} (whether SNS took the message) and
 * {@code deliveries} (what each owner's channel made of it).
 */
final class ChainHash {

    /** The previous hash of the first record of a chain. */
    static final String GENESIS = "0".repeat(64);
    static final Set<String> UNHASHED = Set.of(AuditTable.CHAIN_HASH, AuditTable.FIELD_DIGESTS, "notification",
            AuditTable.DELIVERIES);

    // A digest per field only needs to tell which field changed, not resist forgery: the chain hash does that.
    private static final int FIELD_DIGEST_LENGTH = 16;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChainHash() {
    }

    /** The SHA-256 of the item's canonical form, in hex. */
    static String of(Map<String, AttributeValue> item) {
        return sha256(canonical(item));
    }

    /** The item as the canonical JSON text that is hashed. */
    static String canonical(Map<String, AttributeValue> item) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(item).forEach((name, value) -> {
            if (!UNHASHED.contains(name)) {
                node.set(name, typed(value));
            }
        });
        return node.toString();
    }

    /** A short digest of each hashed field, kept beside the hash so verify can say which field changed. */
    static Map<String, AttributeValue> fieldDigests(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> digests = new TreeMap<>();
        item.forEach((name, value) -> {
            if (!UNHASHED.contains(name)) {
                digests.put(name, AttributeValue.fromS(fieldDigest(value)));
            }
        });
        return digests;
    }

    static String fieldDigest(AttributeValue value) {
        return sha256(typed(value).toString()).substring(0, FIELD_DIGEST_LENGTH);
    }

    private static ObjectNode typed(AttributeValue value) {
        ObjectNode node = NODES.objectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", number(value.n()));
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> node.set("SS", sorted(value.ss()));
            case NS -> node.set("NS", sorted(value.ns().stream().map(ChainHash::number).toList()));
            case BS -> node.set("BS", sorted(value.bs().stream().map(ChainHash::base64).toList()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(element -> list.add(typed(element)));
            }
            case M -> {
                ObjectNode map = node.putObject("M");
                new TreeMap<>(value.m()).forEach((key, element) -> map.set(key, typed(element)));
            }
            default -> throw new IllegalArgumentException("an attribute value of unknown type: " + value);
        }
        return node;
    }

    // DynamoDB keeps numbers by value (1.50 comes back as 1.5), so hash them that way too.
    private static String number(String text) {
        return new BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    private static ArrayNode sorted(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.stream().sorted().forEach(array::add);
        return array;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
