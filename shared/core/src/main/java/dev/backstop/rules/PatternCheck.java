package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.MachineComplexityEvaluator;

/**
 * Event Ruler's own verdict on a pattern, plus two of Backstop's: a pattern must say something
 * (an empty one would act on every event), and its wildcards must stay under a complexity
 * ceiling, since matching cost grows with them on every event.
 */
final class PatternCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Event Ruler's complexity evaluator itself grows exponentially with the wildcard values of one
     * field (12 take seconds and a gigabyte; 14 exhaust a 1 GB heap), so a rule file could
     * crash-loop a handler instead of being refused. Beyond this many, the pattern is refused
     * before the evaluator runs.
     */
    static final int MAX_WILDCARDS_PER_FIELD = 8;

    private final int complexityCeiling;

    PatternCheck(int complexityCeiling) {
        this.complexityCeiling = complexityCeiling;
    }

    Optional<String> problem(String patternJson) {
        if (patternJson.equals("{}")) {
            return Optional.of("an empty pattern matches every event; say which events the rule is for");
        }
        String invalid = JsonRuleCompiler.check(patternJson);
        if (invalid != null) {
            return Optional.of("invalid event pattern: " + firstLine(invalid));
        }
        int complexity;
        try {
            GenericMachine.<String>builder().build().addRule("pattern", patternJson);
            complexity = wildcardComplexity(patternJson);
        } catch (TooManyWildcardsException e) {
            return Optional.of("pattern too complex: " + e.field + " has " + e.values + " wildcard values, at most "
                    + MAX_WILDCARDS_PER_FIELD + "; use fewer or simpler wildcards");
        } catch (IOException | RuntimeException e) {
            return Optional.of("invalid event pattern: " + firstLine(String.valueOf(e.getMessage())));
        }
        if (complexity >= complexityCeiling) {
            // The evaluator stops counting at the ceiling, so the complexity found is the ceiling itself.
            return Optional.of("pattern too complex: its wildcards reach the complexity ceiling of "
                    + complexityCeiling + "; use fewer or simpler wildcards");
        }
        return Optional.empty();
    }

    /**
     * The wildcard complexity of the pattern's fields, each evaluated in a machine of its own.
     * Event Ruler 2.0.1 evaluates a whole rule badly: a wildcard field behind an {@code exists:
     * false} field that sorts before it (as {@code errorCode} sorts before {@code eventName})
     * counts as 0, and the evaluator walks a wildcard field once for every combination of the
     * exact values listed before it, which takes seconds for realistic lists. A field's own
     * machine has neither problem, and holding every wildcard the field has, in every {@code $or}
     * branch, it is at least as complex as the field is in the rule.
     */
    private int wildcardComplexity(String patternJson) throws IOException {
        Map<String, ArrayNode> wildcards = new LinkedHashMap<>();
        collectWildcards(JSON.readTree(patternJson), "", wildcards);
        if (wildcards.isEmpty()) {
            return 0;
        }
        for (Map.Entry<String, ArrayNode> field : wildcards.entrySet()) {
            int values = 0;
            for (JsonNode matcher : field.getValue()) {
                JsonNode wildcard = matcher.has("wildcard") ? matcher.get("wildcard") : matcher.get("anything-but").get("wildcard");
                values += wildcard.isArray() ? wildcard.size() : 1;
            }
            if (values > MAX_WILDCARDS_PER_FIELD) {
                throw new TooManyWildcardsException(field.getKey(), values);
            }
        }
        GenericMachine<String> machine = GenericMachine.<String>builder().build();
        for (Map.Entry<String, ArrayNode> field : wildcards.entrySet()) {
            machine.addRule(field.getKey(), JSON.createObjectNode().set(field.getKey(), field.getValue()).toString());
        }
        return machine.evaluateComplexity(new MachineComplexityEvaluator(complexityCeiling));
    }

    /** The wildcard matchers ({@code wildcard}, {@code anything-but wildcard}) under each field path. */
    private static void collectWildcards(JsonNode node, String path, Map<String, ArrayNode> wildcards) {
        if (node.isArray()) {
            for (JsonNode matcher : node) {
                if (matcher.has("wildcard") || matcher.path("anything-but").has("wildcard")) {
                    wildcards.computeIfAbsent(path, p -> JSON.createArrayNode()).add(matcher);
                }
            }
            return;
        }
        node.fields().forEachRemaining(field -> {
            if (field.getKey().equals("$or")) {
                field.getValue().forEach(branch -> collectWildcards(branch, path, wildcards));
            } else {
                collectWildcards(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                        wildcards);
            }
        });
    }

    /**
     * Event Ruler's reason without the parser's location that Jackson appends on a second line
     * ("at [Source: ...; line: 1, column: 25]"): it points into the pattern as one line of JSON,
     * which the user never wrote; the error's own line points into the rule file instead.
     */
    private static String firstLine(String message) {
        return message.lines().findFirst().orElse(message).strip();
    }

    /** A field with more wildcard values than the evaluator can take. */
    private static final class TooManyWildcardsException extends RuntimeException {

        private final String field;
        private final int values;

        TooManyWildcardsException(String field, int values) {
            super(field + ": " + values + " wildcard values");
            this.field = field;
            this.values = values;
        }
    }
}
