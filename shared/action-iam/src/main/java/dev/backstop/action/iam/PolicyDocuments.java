package dev.backstop.action.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Compares and fingerprints IAM policy documents by their JSON, not their spacing. */
final class PolicyDocuments {

    static final String ABSENT = "absent";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    static Optional<JsonNode> tree(String document) {
        try {
            return Optional.of(JSON.readTree(document));
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    static boolean sameJson(Optional<String> document, String expected) {
        return document.flatMap(PolicyDocuments::tree).equals(tree(expected));
    }

    /** {@code absent}, or {@code sha256:} and the first 16 hex digits of the document's compact JSON. */
    static String fingerprint(Optional<String> document) {
        return document.map(text -> "sha256:" + sha256(tree(text).map(JsonNode::toString).orElse(text)).substring(0, 16))
                .orElse(ABSENT);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
