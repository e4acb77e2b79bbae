package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.text.Shown;
import java.util.Map;

/**
 * Refuses a key that holds a {@code .} where AWS chooses the keys. Event Ruler reads the field
 * {@code "detail.eventName"} and the field {@code eventName} inside {@code detail} as one and the
 * same, so such a key would let a payload stand in for a field a rule pins (a DescribeTrails
 * event matching the StopLogging rule). The envelope, the CloudTrail record's own fields and the
 * caller's identity never hold one; the documents AWS copies from a request (a tag key, a policy's
 * condition key) may, and are left as they are: a key there can only stand in for a field of the
 * same document, which the caller chose anyway.
 */
final class DottedKeys {

    private DottedKeys() {
    }

    /** Throws for a dotted key of the object, and with {@code deep}, of every object inside it. */
    static void refuse(JsonNode node, String path, boolean deep) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().indexOf('.') >= 0) {
                    throw new MalformedEventException(path.isEmpty() ? "$" : path, "has the key "
                            + Shown.quoted(field.getKey()) + ", which AWS never writes: a '.' in a key would let it stand"
                            + " in for the field it names");
                }
                if (deep) {
                    refuse(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), true);
                }
            }
        } else if (node.isArray() && deep) {
            for (int i = 0; i < node.size(); i++) {
                refuse(node.get(i), path + "[" + i + "]", true);
            }
        }
    }
}
