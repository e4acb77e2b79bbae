package dev.backstop.action.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.Fingerprint;
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
        return document.map(Fingerprint::of).orElse(ABSENT);
    }
}
