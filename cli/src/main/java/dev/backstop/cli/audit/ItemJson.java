package dev.backstop.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A table item as readable JSON: every attribute, names sorted, the actions' JSON unpacked. */
public final class ItemJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ItemJson() {
    }

    public static String pretty(Map<String, AttributeValue> item) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(item).forEach((name, value) -> node.set(name,
                "actions".equals(name) && value.s() != null ? parsed(value.s()) : json(value)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(AttributeValue value) {
        return switch (value.type()) {
            case S -> NODES.textNode(value.s());
            case N -> NODES.numberNode(new BigDecimal(value.n()));
            case BOOL -> NODES.booleanNode(value.bool());
            case NUL -> NODES.nullNode();
            case B -> NODES.textNode(Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case SS -> array(value.ss().stream().map(NODES::textNode).toList());
            case NS -> array(value.ns().stream().map(n -> (JsonNode) NODES.numberNode(new BigDecimal(n))).toList());
            case L -> array(value.l().stream().map(ItemJson::json).toList());
            case M -> {
                ObjectNode map = NODES.objectNode();
                new TreeMap<>(value.m()).forEach((key, element) -> map.set(key, json(element)));
                yield map;
            }
            default -> NODES.textNode(value.toString());
        };
    }

    private static ArrayNode array(List<? extends JsonNode> elements) {
        ArrayNode array = NODES.arrayNode();
        elements.forEach(array::add);
        return array;
    }

    private static JsonNode parsed(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return NODES.textNode(text);
        }
    }
}
