package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.backstop.text.Shown;
import java.math.BigInteger;
import java.time.Instant;
import java.util.regex.Pattern;

/** Lenient, path-aware reads of the loosely typed fields that real CloudTrail events carry. */
final class JsonFields {

    /**
     * The longest text Backstop reads from a field: an error message or a user agent is at most a
     * few hundred characters, and every field it reads ends up in an audit record (at most 400 KB
     * in DynamoDB) and a notification (at most 256 KB in SNS).
     */
    static final int MAX_TEXT = 8192;
    /** The longest ARN IAM accepts or issues. */
    static final int MAX_ARN = 2048;

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final BigInteger LARGEST_ACCOUNT = new BigInteger("999999999999");

    private final JsonNode node;
    private final String path;

    JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonFields requireObject(JsonNode node, String path) {
        String shown = path.isEmpty() ? "$" : path;
        if (node == null || node.isMissingNode()) {
            throw new MalformedEventException(shown, "is missing");
        }
        if (node.isNull()) {
            throw new MalformedEventException(shown, "is null; expected an object");
        }
        if (!node.isObject()) {
            throw new MalformedEventException(shown, "is present but " + kind(node) + "; expected an object");
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

    /** A string that must be there and be a string: the fields that say what an event is. */
    String requiredText(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isMissingNode()) {
            throw new MalformedEventException(at(name), "is missing");
        }
        if (child.isNull()) {
            throw new MalformedEventException(at(name), "is null; expected a string");
        }
        if (!child.isTextual()) {
            throw new MalformedEventException(at(name), "is present but " + kind(child) + "; expected a string");
        }
        String value = checked(name, child.textValue(), MAX_TEXT);
        if (value.isBlank()) {
            throw new MalformedEventException(at(name), "is empty");
        }
        return value;
    }

    /** A string field; numbers and booleans are accepted as their text, as some producers write them. */
    String text(String name) {
        return text(name, MAX_TEXT);
    }

    /** An ARN: a string of at most the 2,048 characters IAM allows one. */
    String arn(String name) {
        return text(name, MAX_ARN);
    }

    private String text(String name, int longest) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return null;
        }
        if (child.isValueNode()) {
            return checked(name, child.asText(), longest);
        }
        throw new MalformedEventException(at(name), "is present but " + kind(child) + "; expected a string");
    }

    private String checked(String name, String value, int longest) {
        if (value.length() > longest) {
            throw new MalformedEventException(at(name), Shown.count(value.length()) + " characters, longer than AWS writes"
                    + " this field (at most " + Shown.count(longest) + " are read): " + Shown.quoted(value));
        }
        return value;
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
        throw new MalformedEventException(at(name), "expected true or false, found " + Shown.quoted(value));
    }

    /**
     * A 12-digit account id; a number (leading zeros lost by some producer) is padded back. A
     * number of more than 12 digits is an error, never narrowed: 2^64 + an account id would
     * otherwise wrap around to that account.
     */
    String accountId(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return null;
        }
        if (child.isIntegralNumber()) {
            BigInteger number = child.bigIntegerValue();
            if (number.signum() < 0 || number.compareTo(LARGEST_ACCOUNT) > 0) {
                throw new MalformedEventException(at(name), "expected a 12-digit account id, found the number " + number);
            }
            return String.format(java.util.Locale.ROOT, "%012d", number.longValue());
        }
        String value = text(name);
        if (!ACCOUNT.matcher(value).matches()) {
            throw new MalformedEventException(at(name), "expected a 12-digit account id, found " + Shown.quoted(value));
        }
        return value;
    }

    String requiredAccountId(String name) {
        String value = accountId(name);
        if (value == null) {
            throw new MalformedEventException(at(name), node.has(name) ? "is null; expected a 12-digit account id" : "is missing");
        }
        return value;
    }

    Instant requiredTime(String name) {
        String value = requiredText(name);
        return Timestamps.parse(value)
                .orElseThrow(() -> new MalformedEventException(at(name), "not a timestamp: " + Shown.quoted(value)));
    }

    /** A JSON tree kept as delivered; null, absent and {@code {}} stay distinguishable for the action. */
    JsonNode tree(String name) {
        JsonNode child = node.get(name);
        return child == null ? NullNode.getInstance() : child;
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

    /** What a JSON value is, in words. */
    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "true or false";
        }
        if (node.isTextual()) {
            return "a string";
        }
        return node.isNull() ? "null" : "not a JSON value";
    }
}
