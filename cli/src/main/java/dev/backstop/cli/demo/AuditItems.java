package dev.backstop.cli.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Audit table items shown as people read them. */
final class AuditItems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditItems() {
    }

    static String auditIdOf(byte[] handlerOutput) {
        try {
            return JSON.readTree(handlerOutput).path("auditId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("the handler's answer is not JSON", e);
        }
    }

    static String pretty(Map<String, AttributeValue> item) {
        ObjectNode node = JSON.createObjectNode();
        new TreeMap<>(item).forEach((name, value) -> node.set(name, toJson(name, value)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode toJson(String name, AttributeValue value) {
        if (value.ss() != null && !value.ss().isEmpty()) {
            return JSON.valueToTree(value.ss());
        }
        if (value.n() != null) {
            return JSON.getNodeFactory().numberNode(Long.parseLong(value.n()));
        }
        if ("actions".equals(name)) {
            try {
                return JSON.readTree(value.s());
            } catch (JsonProcessingException notJson) {
                return JSON.getNodeFactory().textNode(value.s());
            }
        }
        return JSON.getNodeFactory().textNode(value.s());
    }
}
