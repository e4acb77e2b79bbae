package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;

/** Lenient, path-aware reads of the loosely typed fields that real CloudTrail events carry. */
final class JsonFields {

    private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("\\d{12}");

    private final JsonNode node;
    private final String path;

    JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonFields requireObject(JsonNode node, String path) {
        String shown = path.isEmpty() ? "$" : path;
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new MalformedEventException(shown, "is missing");
        }
        if (!node.isObject()) {
            throw new MalformedEventException(shown, "expected an object, found " + kind(node));
        }
        return new JsonFields(node, path);
    }

    /** An optional nested object; absent, null and the {@code {}} AWS writes for empty both read as empty. */
    JsonFields object(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return new JsonFields(NullNode.getInstance(), at(name));
        }
        return requireObject(child, at(name));
    }

    /** False for an absent or null object, and for the {@code {}} AWS writes when a block is empty. */
    boolean isPresent() {
        return node.isObject() && !node.isEmpty();
    }

    String requiredText(String name) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException(at(name), "is missing");
        }
        return value;
    }

    /** A string field; numbers and booleans are accepted as their text, as some producers write them. */
    String text(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return null;
        }
        if (child.isValueNode()) {
            return child.asText();
        }
        throw new MalformedEventException(at(name), "expected a string, found " + kind(child));
    }

    /** A boolean written as {@code true} or as the string {@code "true"}. */
    Boolean bool(String name) {
        String value = text(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new MalformedEventException(at(name), "expected true or false, found \"" + value + "\"");
    }

    /** A 12-digit account id; a number (leading zeros lost by some producer) is padded back. */
    String accountId(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return null;
        }
        String value = child.isIntegralNumber() ? String.format("%012d", child.asLong()) : text(name);
        if (!ACCOUNT_ID.matcher(value).matches()) {
            throw new MalformedEventException(at(name), "expected a 12-digit account id, found \"" + value + "\"");
        }
        return value;
    }

    String requiredAccountId(String name) {
        String value = accountId(name);
        if (value == null) {
            throw new MalformedEventException(at(name), "is missing");
        }
        return value;
    }

    Instant requiredTime(String name) {
        String value = requiredText(name);
        return Timestamps.parse(value)
                .orElseThrow(() -> new MalformedEventException(at(name), "not a timestamp: \"" + value + "\""));
    }

    /** A JSON tree kept as delivered; null, absent and {@code {}} stay distinguishable for the action. */
    JsonNode tree(String name) {
        JsonNode child = node.get(name);
        return child == null ? NullNode.getInstance() : child.deepCopy();
    }

    /** An object of string values, in the order written (alarm dimensions); each value checked as {@link #text}. */
    java.util.Map<String, String> texts() {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> values.put(name, requiredText(name)));
        }
        return values;
    }

    String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
