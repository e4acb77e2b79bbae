package dev.backstop.tests.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;

/**
 * Expands the AWS::LanguageExtensions {@code Fn::ForEach::<Loop>} entries of a template's
 * Conditions, Resources and Outputs as CloudFormation does, so that the checks see the resources
 * a stack gets: each item of the collection replaces {@code ${Identifier}} (and
 * {@code &{Identifier}}, without its non-alphanumeric characters) in every key and string of the
 * body, and {@code Ref: Identifier} becomes the item. A {@code Ref} or {@code Fn::GetAtt} whose
 * logical id is then a {@code Fn::Sub} without variables names that id directly.
 */
final class ForEachLoops {

    static final String PREFIX = "Fn::ForEach::";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ForEachLoops() {
    }

    static ObjectNode expand(JsonNode template) {
        ObjectNode expanded = template.deepCopy();
        for (String section : List.of("Conditions", "Resources", "Outputs")) {
            if (expanded.get(section) instanceof ObjectNode entries) {
                expanded.set(section, expandEntries(entries));
            }
        }
        return expanded;
    }

    private static ObjectNode expandEntries(ObjectNode entries) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : entries.properties()) {
            if (!entry.getKey().startsWith(PREFIX)) {
                putNew(out, entry.getKey(), entry.getValue());
                continue;
            }
            JsonNode loop = entry.getValue();
            if (!(loop.size() == 3 && loop.get(0).isTextual() && loop.get(1).isArray() && loop.get(2).isObject())) {
                throw new IllegalStateException(entry.getKey() + ": expected [identifier, [items...], {body}]"
                        + " (these checks read only a literal collection), found " + loop);
            }
            for (JsonNode item : loop.get(1)) {
                ObjectNode body = (ObjectNode) substitute(loop.get(2), loop.get(0).asText(), item.asText());
                expandEntries(body).properties().forEach(made -> putNew(out, made.getKey(), made.getValue()));
            }
        }
        return out;
    }

    private static void putNew(ObjectNode out, String key, JsonNode value) {
        if (out.has(key)) {
            throw new IllegalStateException(key + " is made twice (by a loop and another entry, or two loops)");
        }
        out.set(key, value);
    }

    private static JsonNode substitute(JsonNode node, String identifier, String item) {
        if (node.isTextual()) {
            return TextNode.valueOf(replace(node.asText(), identifier, item));
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            node.forEach(element -> array.add(substitute(element, identifier, item)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1 && node.path("Ref").asText("").equals(identifier)) {
            return TextNode.valueOf(item);
        }
        ObjectNode object = NODES.objectNode();
        node.properties().forEach(entry ->
                object.set(replace(entry.getKey(), identifier, item), substitute(entry.getValue(), identifier, item)));
        return withLiteralLogicalIds(object);
    }

    private static String replace(String text, String identifier, String item) {
        return text.replace("${" + identifier + "}", item)
                .replace("&{" + identifier + "}", item.replaceAll("[^A-Za-z0-9]", ""));
    }

    /** {@code Ref: !Sub X} and {@code GetAtt: [!Sub X, attr]}, X without variables: the logical id X. */
    private static ObjectNode withLiteralLogicalIds(ObjectNode object) {
        if (object.size() == 1 && literalSub(object.path("Ref")) != null) {
            object.put("Ref", literalSub(object.path("Ref")));
        }
        JsonNode getAtt = object.path("Fn::GetAtt");
        if (object.size() == 1 && getAtt.isArray() && literalSub(getAtt.path(0)) != null) {
            ((ArrayNode) getAtt).set(0, TextNode.valueOf(literalSub(getAtt.path(0))));
        }
        return object;
    }

    private static String literalSub(JsonNode node) {
        String text = node.path("Fn::Sub").asText(null);
        return text != null && node.size() == 1 && !text.contains("${") ? text : null;
    }
}
