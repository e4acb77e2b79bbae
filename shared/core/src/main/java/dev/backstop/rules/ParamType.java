package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The type of an action parameter, with the conversion from a rule file's YAML value. */
public enum ParamType {
    STRING("a string"),
    INTEGER("a whole number"),
    BOOLEAN("true or false"),
    STRING_LIST("a list of strings"),
    INTEGER_LIST("a list of whole numbers"),
    /** A JSON document, such as a baseline bucket policy, kept as its text. */
    JSON("a JSON or YAML object");

    private final String description;

    ParamType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The type of each element of a list type, or null for the others. */
    ParamType elementType() {
        return switch (this) {
            case STRING_LIST -> STRING;
            case INTEGER_LIST -> INTEGER;
            default -> null;
        };
    }

    /** The typed value of a YAML node, or empty when the node is not of this type. */
    Optional<Object> convert(JsonNode node) {
        return switch (this) {
            case STRING -> node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
            case INTEGER -> node.canConvertToLong() && node.isIntegralNumber() ? Optional.of(node.asLong()) : Optional.empty();
            case BOOLEAN -> node.isBoolean() ? Optional.of(node.asBoolean()) : Optional.empty();
            case STRING_LIST -> list(node, JsonNode::isTextual, JsonNode::asText);
            case INTEGER_LIST -> list(node, JsonNode::isIntegralNumber, JsonNode::asLong);
            case JSON -> node.isObject() ? Optional.of(node.toString()) : Optional.empty();
        };
    }

    private static <T> Optional<Object> list(JsonNode node, java.util.function.Predicate<JsonNode> ofType,
            java.util.function.Function<JsonNode, T> value) {
        if (!node.isArray()) {
            return Optional.empty();
        }
        List<T> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!ofType.test(element)) {
                return Optional.empty();
            }
            values.add(value.apply(element));
        }
        return Optional.of(List.copyOf(values));
    }
}
