package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The routes of an event pattern: a set of {@link Route}s such that every event the pattern
 * matches has at least one of them, or none when the pattern does not pin a routed field to
 * exact values (then it is matched against every event).
 *
 * <p>Only what is certain counts. A field is a route when all its values are plain strings or
 * ASCII {@code equals-ignore-case} strings (not IP addresses, which Event Ruler matches in
 * canonical form). A field named again anywhere else in the pattern is not: an {@code $or} branch
 * that names a field of the enclosing pattern replaces it (RuleBook's machines refuse such a
 * pattern today, but routing does not lean on that). Neither is a pattern with a dotted key, which
 * Event Ruler flattens into the same name as nested keys. An {@code $or} gives routes
 * when each of its branches does: the union of theirs.
 */
final class PatternRoutes {

    // Event Ruler's own tests for an IP address literal (Constants.IPv4_REGEX and IPv6_REGEX).
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*");

    private final Map<String, Integer> namings = new HashMap<>();

    private PatternRoutes() {
    }

    /** The pattern's routes, or empty when it must be matched against every event. */
    static Optional<Set<Route>> of(JsonNode pattern) {
        PatternRoutes routes = new PatternRoutes();
        if (!pattern.isObject() || !routes.count(pattern, "")) {
            return Optional.empty();
        }
        return routes.required(pattern, "");
    }

    /** Counts how often each field is named; false if a key makes routing unsafe to judge. */
    private boolean count(JsonNode object, String path) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("$or")) {
                if (!value.isArray() || value.isEmpty()) {
                    return false;
                }
                for (JsonNode branch : value) {
                    if (!branch.isObject() || !count(branch, path)) {
                        return false;
                    }
                }
            } else if (key.contains(".") || key.startsWith("$")) {
                return false;
            } else if (value.isObject()) {
                if (!count(value, Route.path(path, key))) {
                    return false;
                }
            } else {
                namings.merge(Route.path(path, key), 1, Integer::sum);
            }
        }
        return true;
    }

    private Optional<Set<Route>> required(JsonNode object, String path) {
        Map<String, JsonNode> leaves = new HashMap<>();
        List<Or> ors = new ArrayList<>();
        gather(object, path, leaves, ors);
        for (String field : Route.FIELDS) {
            JsonNode values = leaves.get(field);
            if (values != null && namings.get(field) == 1) {
                Optional<Set<Route>> routes = exact(field, values);
                if (routes.isPresent()) {
                    return routes;
                }
            }
        }
        for (Or or : ors) {
            Optional<Set<Route>> routes = union(or);
            if (routes.isPresent()) {
                return routes;
            }
        }
        return Optional.empty();
    }

    private Optional<Set<Route>> union(Or or) {
        Set<Route> union = new HashSet<>();
        for (JsonNode branch : or.branches()) {
            Optional<Set<Route>> routes = required(branch, or.path());
            if (routes.isEmpty()) {
                return Optional.empty();
            }
            union.addAll(routes.get());
        }
        return Optional.of(union);
    }

    /** An {@code $or} and the path of the object it sits in. */
    private record Or(JsonNode branches, String path) {
    }

    /** The leaves and {@code $or}s an event must satisfy together, nested objects included. */
    private static void gather(JsonNode object, String path, Map<String, JsonNode> leaves, List<Or> ors) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (field.getKey().equals("$or")) {
                ors.add(new Or(field.getValue(), path));
            } else if (field.getValue().isObject()) {
                gather(field.getValue(), Route.path(path, field.getKey()), leaves, ors);
            } else {
                leaves.put(Route.path(path, field.getKey()), field.getValue());
            }
        }
    }

    private static Optional<Set<Route>> exact(String field, JsonNode values) {
        if (!values.isArray() || values.isEmpty()) {
            return Optional.empty();
        }
        Set<Route> routes = new HashSet<>();
        for (JsonNode value : values) {
            String text = exactText(value);
            if (text == null || IP_ADDRESS.matcher(text).matches()) {
                return Optional.empty();
            }
            routes.add(Route.of(field, text));
        }
        return Optional.of(routes);
    }

    /** The string an exact or ASCII equals-ignore-case value stands for, else null. */
    private static String exactText(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        JsonNode ignoringCase = value.get("equals-ignore-case");
        if (value.isObject() && value.size() == 1 && ignoringCase != null && ignoringCase.isTextual()
                && ignoringCase.textValue().chars().allMatch(c -> c < 0x80)) {
            return ignoringCase.textValue();
        }
        return null;
    }
}
