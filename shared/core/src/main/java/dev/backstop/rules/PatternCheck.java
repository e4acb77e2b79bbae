package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.backstop.text.Shown;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.MachineComplexityEvaluator;

/**
 * Event Ruler's own verdict on a pattern, plus Backstop's: a pattern must say something (an empty
 * one would act on every event), and it must stay within limits that keep compiling and matching
 * it cheap, since a team's rule file is compiled in every function on every refresh.
 *
 * <p>The checks go cheapest first. The size and the counts (values, wildcards, stars, {@code $or}
 * branches) are one walk over the pattern; only a pattern within them is given to Event Ruler to
 * check and compile, and only then is its wildcard complexity evaluated, which costs time and memory
 * exponential in the stars of a field (8 values of 5 stars each take Event Ruler 2.0.1 about 14 s
 * and 300 MB; within these limits no pattern we found takes half a second).
 */
final class PatternCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** EventBridge's own limit for an event pattern once its quota is raised (2,048 characters by default). */
    static final int MAX_PATTERN_LENGTH = 4096;
    /** Values listed for one field. */
    static final int MAX_VALUES_PER_FIELD = 256;
    /** Wildcard values for one field, across every {@code $or} branch. */
    static final int MAX_WILDCARDS_PER_FIELD = 8;
    /** Wildcard values in one pattern. */
    static final int MAX_WILDCARDS_PER_RULE = 16;
    /** Stars in one wildcard value: {@code arn:aws:sts::*:assumed-role/Admin*}{@code /*} has three. */
    static final int MAX_STARS_PER_VALUE = 4;
    /** Stars in all the wildcard values of one field. */
    static final int MAX_STARS_PER_FIELD = 16;
    /** The patterns an {@code $or} tree unfolds into: Event Ruler compiles each, so nested ones multiply. */
    static final int MAX_OR_COMBINATIONS = 64;

    private final int complexityCeiling;

    PatternCheck(int complexityCeiling) {
        this.complexityCeiling = complexityCeiling;
    }

    Optional<String> problem(String patternJson) {
        if (patternJson.equals("{}")) {
            return Optional.of("an empty pattern matches every event; say which events the rule is for");
        }
        if (patternJson.length() > MAX_PATTERN_LENGTH) {
            return Optional.of("pattern too large: " + Shown.count(patternJson.length()) + " characters of JSON, more than the "
                    + Shown.count(MAX_PATTERN_LENGTH) + " EventBridge allows a pattern");
        }
        Map<String, ArrayNode> wildcards = new LinkedHashMap<>();
        try {
            JsonNode pattern = JSON.readTree(patternJson);
            Optional<String> tooMany = PatternCounts.of(pattern, wildcards).problem();
            if (tooMany.isPresent()) {
                return tooMany;
            }
        } catch (IOException e) {
            return Optional.of("invalid event pattern: not JSON");
        }
        String invalid = JsonRuleCompiler.check(patternJson);
        if (invalid != null) {
            return Optional.of("invalid event pattern: " + firstLine(invalid));
        }
        int complexity;
        try {
            GenericMachine.<String>builder().build().addRule("pattern", patternJson);
            complexity = wildcardComplexity(wildcards);
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
    private int wildcardComplexity(Map<String, ArrayNode> wildcards) throws IOException {
        if (wildcards.isEmpty()) {
            return 0;
        }
        GenericMachine<String> machine = GenericMachine.<String>builder().build();
        for (Map.Entry<String, ArrayNode> field : wildcards.entrySet()) {
            machine.addRule(field.getKey(), JSON.createObjectNode().set(field.getKey(), field.getValue()).toString());
        }
        return machine.evaluateComplexity(new MachineComplexityEvaluator(complexityCeiling));
    }

    /**
     * Event Ruler's reason without the parser's location that Jackson appends on a second line
     * ("at [Source: ...; line: 1, column: 25]"): it points into the pattern as one line of JSON,
     * which the user never wrote; the error's own line points into the rule file instead.
     */
    private static String firstLine(String message) {
        return Shown.truncated(message.lines().findFirst().orElse(message).strip(), Shown.MESSAGE);
    }
}
