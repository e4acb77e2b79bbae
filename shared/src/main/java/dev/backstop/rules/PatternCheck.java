package dev.backstop.rules;

import java.io.IOException;
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
        GenericMachine<String> machine = GenericMachine.<String>builder().build();
        try {
            machine.addRule("pattern", patternJson);
        } catch (IOException | RuntimeException e) {
            return Optional.of("invalid event pattern: " + firstLine(String.valueOf(e.getMessage())));
        }
        int complexity = machine.evaluateComplexity(new MachineComplexityEvaluator(complexityCeiling));
        if (complexity >= complexityCeiling) {
            return Optional.of("pattern too complex (wildcard complexity " + complexity + ", ceiling "
                    + complexityCeiling + "): use fewer or simpler wildcards");
        }
        return Optional.empty();
    }

    /**
     * Event Ruler's reason without the parser's location that Jackson appends on a second line
     * ("at [Source: ...; line: 1, column: 25]"): it points into the pattern as one line of JSON,
     * which the user never wrote; the error's own line points into the rule file instead.
     */
    private static String firstLine(String message) {
        return message.lines().findFirst().orElse(message).strip();
    }
}
