package dev.backstop.cli.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An EventBridge event pattern in words, one line per field path:
 * {@code detail.eventName is "StopLogging"}, {@code detail.errorCode does not exist}. Every
 * field must hold; a list of values holds when any one does; {@code $or} holds when any of its
 * alternatives does.
 */
final class PatternWords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PatternWords() {
    }

    static List<String> describe(String patternJson) {
        List<String> lines = new ArrayList<>();
        try {
            fields(JSON.readTree(patternJson), "", "", lines);
        } catch (JsonProcessingException e) {
            lines.add("(the pattern is not JSON: " + e.getOriginalMessage() + ")");
        }
        return lines;
    }

    private static void fields(JsonNode object, String path, String indent, List<String> lines) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("$or") && value.isArray()) {
                lines.add(indent + "any one of:");
                for (JsonNode alternative : value) {
                    List<String> inner = new ArrayList<>();
                    fields(alternative, path, "", inner);
                    for (int i = 0; i < inner.size(); i++) {
                        lines.add(indent + (i == 0 ? "  - " : "    ") + inner.get(i));
                    }
                }
            } else if (value.isObject()) {
                fields(value, join(path, name), indent, lines);
            } else if (value.isArray()) {
                lines.add(indent + join(path, name) + " " + anyOf(value));
            } else {
                lines.add(indent + join(path, name) + " matches " + value);
            }
        }
    }

    /** The matchers of one field: exact values grouped, the others one by one, joined by "or". */
    private static String anyOf(JsonNode matchers) {
        List<String> exact = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        for (JsonNode matcher : matchers) {
            if (matcher.isValueNode()) {
                exact.add(matcher.toString());
            } else {
                phrases.add(phrase(matcher));
            }
        }
        if (exact.size() == 1) {
            phrases.add(0, "is " + exact.get(0));
        } else if (!exact.isEmpty()) {
            phrases.add(0, "is one of " + String.join(", ", exact));
        }
        return phrases.isEmpty() ? "matches nothing (an empty list)" : String.join(", or ", phrases);
    }

    private static String phrase(JsonNode matcher) {
        if (!matcher.isObject() || matcher.size() != 1) {
            return "matches " + matcher;
        }
        Map.Entry<String, JsonNode> only = matcher.properties().iterator().next();
        JsonNode operand = only.getValue();
        return switch (only.getKey()) {
            case "prefix" -> "starts with " + ignoringCase(operand);
            case "suffix" -> "ends with " + ignoringCase(operand);
            case "equals-ignore-case" -> "is " + values(operand) + " (ignoring case)";
            case "wildcard" -> "matches the wildcard " + values(operand) + " (* is any run of characters)";
            case "cidr" -> "is an IP address in " + operand.asText();
            case "exists" -> operand.asBoolean() ? "exists" : "does not exist";
            case "numeric" -> "is a number " + numeric(operand);
            case "anything-but" -> anythingBut(operand);
            default -> "matches " + matcher;
        };
    }

    /** Event Ruler's anything-but never matches a field that is absent, so the words say "present". */
    private static String anythingBut(JsonNode operand) {
        if (!operand.isObject()) {
            return "is present and is anything but " + plain(operand);
        }
        if (operand.size() != 1) {
            return "is present and is anything but " + operand;
        }
        Map.Entry<String, JsonNode> only = operand.properties().iterator().next();
        return "is present and " + switch (only.getKey()) {
            case "prefix" -> "does not start with " + plain(only.getValue());
            case "suffix" -> "does not end with " + plain(only.getValue());
            case "equals-ignore-case" -> "is anything but " + plain(only.getValue()) + " (ignoring case)";
            case "wildcard" -> "does not match the wildcard " + plain(only.getValue());
            default -> "is anything but " + operand;
        };
    }

    /** {@code "abc"}, or {@code "abc" (ignoring case)} for {@code {"equals-ignore-case": "abc"}}. */
    private static String ignoringCase(JsonNode operand) {
        if (operand.isObject() && operand.has("equals-ignore-case")) {
            return values(operand.get("equals-ignore-case")) + " (ignoring case)";
        }
        return values(operand);
    }

    /** One value, or {@code any of "a", "b"}. */
    private static String values(JsonNode operand) {
        return operand.isArray() && operand.size() > 1 ? "any of " + plain(operand) : plain(operand);
    }

    /** One value, or several joined by commas. */
    private static String plain(JsonNode operand) {
        if (!operand.isArray()) {
            return operand.toString();
        }
        List<String> values = new ArrayList<>();
        operand.forEach(value -> values.add(value.toString()));
        return String.join(", ", values);
    }

    /** {@code [">=", 0, "<", 100]} as {@code >= 0 and < 100}. */
    private static String numeric(JsonNode operand) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i + 1 < operand.size(); i += 2) {
            parts.add(operand.get(i).asText() + " " + operand.get(i + 1));
        }
        return String.join(" and ", parts);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
