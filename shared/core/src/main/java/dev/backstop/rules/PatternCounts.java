package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.text.Shown;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One walk over a pattern that counts what makes Event Ruler slow to compile and to evaluate: the
 * values of a field, its wildcard values and their stars, and the patterns {@code $or} unfolds into.
 * It collects each field's wildcard matchers (in every {@code $or} branch, and inside
 * {@code anything-but}) on the way, for the complexity evaluation that follows.
 */
final class PatternCounts {

    private final Map<String, ArrayNode> wildcards;
    private final Map<String, Integer> starsPerField = new HashMap<>();
    private final Map<String, Integer> wildcardsPerField = new HashMap<>();
    private int wildcardValues;
    private String problem;

    private PatternCounts(Map<String, ArrayNode> wildcards) {
        this.wildcards = wildcards;
    }

    /** The counts of the pattern; its wildcard matchers are added to {@code wildcards} by field. */
    static PatternCounts of(JsonNode pattern, Map<String, ArrayNode> wildcards) {
        PatternCounts counts = new PatternCounts(wildcards);
        long combinations = counts.walk(pattern, "");
        if (counts.problem == null && combinations > PatternCheck.MAX_OR_COMBINATIONS) {
            counts.problem = "pattern too complex: its $or branches unfold into more than " + PatternCheck.MAX_OR_COMBINATIONS
                    + " patterns; nest fewer of them";
        }
        return counts;
    }

    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The patterns the object unfolds into, counted up to just past the limit. */
    private long walk(JsonNode object, String path) {
        long combinations = 1;
        if (!object.isObject()) {
            return combinations;
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (problem != null) {
                return combinations;
            }
            JsonNode value = field.getValue();
            long inner;
            if (field.getKey().equals("$or") && value.isArray()) {
                inner = 0;
                for (JsonNode branch : value) {
                    inner = Math.min(inner + walk(branch, path), PatternCheck.MAX_OR_COMBINATIONS + 1L);
                }
            } else {
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                inner = value.isArray() ? values(value, name) : walk(value, name);
            }
            combinations = Math.min(combinations * Math.max(inner, 1), PatternCheck.MAX_OR_COMBINATIONS + 1L);
        }
        return combinations;
    }

    private long values(JsonNode list, String field) {
        if (list.size() > PatternCheck.MAX_VALUES_PER_FIELD) {
            problem = "pattern too large: " + field + " lists " + Shown.count(list.size()) + " values, at most "
                    + PatternCheck.MAX_VALUES_PER_FIELD;
            return 1;
        }
        for (JsonNode matcher : list) {
            JsonNode wildcard = matcher.has("wildcard") ? matcher.get("wildcard") : matcher.path("anything-but").get("wildcard");
            if (wildcard != null) {
                wildcards.computeIfAbsent(field, f -> JsonNodeFactory.instance.arrayNode()).add(matcher);
                if (wildcard.isArray()) {
                    wildcard.forEach(one -> wildcard(field, one));
                } else {
                    wildcard(field, wildcard);
                }
            }
        }
        return 1;
    }

    private void wildcard(String field, JsonNode value) {
        if (problem != null) {
            return;
        }
        int stars = value.isTextual() ? (int) value.textValue().chars().filter(c -> c == '*').count() : 0;
        int fieldStars = starsPerField.merge(field, stars, Integer::sum);
        int fieldValues = wildcardsPerField.merge(field, 1, Integer::sum);
        wildcardValues++;
        if (stars > PatternCheck.MAX_STARS_PER_VALUE) {
            problem = "pattern too complex: the wildcard " + Shown.quoted(value.asText()) + " of " + field + " has " + stars
                    + " stars, at most " + PatternCheck.MAX_STARS_PER_VALUE;
        } else if (fieldValues > PatternCheck.MAX_WILDCARDS_PER_FIELD) {
            problem = "pattern too complex: " + field + " has more than " + PatternCheck.MAX_WILDCARDS_PER_FIELD
                    + " wildcard values; use fewer or simpler wildcards";
        } else if (fieldStars > PatternCheck.MAX_STARS_PER_FIELD) {
            problem = "pattern too complex: the wildcards of " + field + " have more than " + PatternCheck.MAX_STARS_PER_FIELD
                    + " stars in all; use fewer or simpler wildcards";
        } else if (wildcardValues > PatternCheck.MAX_WILDCARDS_PER_RULE) {
            problem = "pattern too complex: more than " + PatternCheck.MAX_WILDCARDS_PER_RULE
                    + " wildcard values in one pattern; use fewer or simpler wildcards";
        }
    }
}
