package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The EventBridge envelope rules are matched against: its own keys only, as they were read. */
final class Envelopes {

    /** The keys of an EventBridge envelope; others a payload carries are not matched on. */
    private static final List<String> KEYS = List.of("version", "id", "detail-type", "source", "account", "time", "region",
            "resources", "detail");

    private Envelopes() {
    }

    /** The envelope's keys of {@code root}, with the account as read and the detail given. */
    static ObjectNode canonical(JsonNode root, String account, JsonNode detail) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        for (String key : KEYS) {
            JsonNode value = root.get(key);
            if (value != null) {
                tree.set(key, value);
            }
        }
        tree.put("account", account);
        tree.set("detail", detail);
        return tree;
    }

    /** A new object with the same fields, sharing their values: changing it leaves the original as it was. */
    static ObjectNode shallowCopy(JsonNode object) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        object.properties().forEach(field -> copy.set(field.getKey(), field.getValue()));
        return copy;
    }
}
