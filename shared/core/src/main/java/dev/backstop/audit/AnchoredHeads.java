package dev.backstop.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The heads of every chain of an audit table at one moment, as they are kept outside the table (an
 * S3 object under Object Lock): whoever later cuts a chain short or rewrites it cannot change what
 * was anchored, so {@link ChainAnchors#against} shows it.
 *
 * <pre>{@code
 * {"anchoredAt": "2026-12-06T21:00:00Z", "table": "backstop-AuditTable-X",
 *  "heads": [{"chain": "111122223333/us-east-1", "position": 42, "hash": "...", "auditId": "..."}]}
 * }</pre>
 */
public record AnchoredHeads(Instant anchoredAt, String table, List<Head> heads) {

    /** One chain's head: its last record's position, hash and audit id. */
    public record Head(String chain, long position, String hash, String auditId) {

        public Head {
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(auditId, "auditId");
            if (position < 1) {
                throw new IllegalArgumentException("chain " + chain + ": an anchored head is at position 1 or later");
            }
        }
    }

    public AnchoredHeads {
        Objects.requireNonNull(anchoredAt, "anchoredAt");
        Objects.requireNonNull(table, "table");
        heads = List.copyOf(heads);
    }

    /** True when every chain's head is where it was in {@code other}. */
    public boolean sameHeads(AnchoredHeads other) {
        return other != null && heads.equals(other.heads);
    }

    public byte[] toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode().put("anchoredAt", anchoredAt.toString()).put("table", table);
        // Always a list, an empty one for a table with no chain yet: parse refuses an anchor without it.
        ArrayNode list = root.putArray("heads");
        heads.forEach(head -> list.addObject().put("chain", head.chain())
                .put("position", head.position()).put("hash", head.hash()).put("auditId", head.auditId()));
        return root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads an anchor; {@code where} names it in errors.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static AnchoredHeads parse(byte[] bytes, ObjectMapper json, String where) {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object of chain heads");
        }
        try {
            List<Head> heads = new ArrayList<>();
            JsonNode list = root.path("heads");
            if (!list.isArray()) {
                throw new IllegalArgumentException("heads: expected a list");
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode head = list.get(i);
                if (!head.path("position").canConvertToLong()) {
                    throw new IllegalArgumentException("heads[" + i + "].position: expected a number");
                }
                heads.add(new Head(text(head, "heads[" + i + "].chain", "chain"), head.path("position").asLong(),
                        text(head, "heads[" + i + "].hash", "hash"), text(head, "heads[" + i + "].auditId", "auditId")));
            }
            return new AnchoredHeads(Instant.parse(text(root, "anchoredAt", "anchoredAt")), text(root, "table", "table"),
                    heads);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String path, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(path + ": expected text");
        }
        return value.asText();
    }
}
