package dev.backstop.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link Route}s an event offers: every string value at a routed field, found the way Event
 * Ruler flattens an event (keys joined with dots, arrays looked through, so a dotted key such as
 * {@code "detail.eventName"} counts too). Only the branches that lead to a routed field are walked.
 */
final class EventRoutes {

    private static final JsonFactory JSON = new JsonFactory();

    private EventRoutes() {
    }

    static List<Route> of(JsonNode event) {
        List<Route> routes = new ArrayList<>(2);
        visit(event, "", routes);
        return routes;
    }

    /** From the text, as Event Ruler reads it: a key given twice offers both values. */
    static List<Route> of(String event) throws IOException {
        List<Route> routes = new ArrayList<>(2);
        try (JsonParser parser = JSON.createParser(event)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("Event must be a JSON object");
            }
            visit(parser, "", routes);
        }
        return routes;
    }

    private static void visit(JsonNode node, String path, List<Route> routes) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = Route.path(path, field.getKey());
                if (Route.PATHS.contains(child)) {
                    visit(field.getValue(), child, routes);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                visit(element, path, routes);
            }
        } else if (node.isTextual() && Route.FIELDS.contains(path)) {
            routes.add(Route.of(path, node.textValue()));
        }
    }

    /** The value the parser stands on, which it leaves at that value's last token. */
    private static void visit(JsonParser parser, String path, List<Route> routes) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String child = Route.path(path, parser.currentName());
                    parser.nextToken();
                    if (Route.PATHS.contains(child)) {
                        visit(parser, child, routes);
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            case START_ARRAY -> {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    visit(parser, path, routes);
                }
            }
            case VALUE_STRING -> {
                if (Route.FIELDS.contains(path)) {
                    routes.add(Route.of(path, parser.getText()));
                }
            }
            default -> {
                // numbers, booleans and null never equal a routed string value
            }
        }
    }
}
