package dev.backstop.config;

import dev.backstop.rules.ArnGlob;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Backstop's own resources, as ARN patterns with {@code *} wildcards
 * ({@code BACKSTOP_OWN_RESOURCES}, comma-separated; the template lists its rules, functions and
 * alarms by the names it gives them). The self-watch actions act on these and on nothing else:
 * a rule that matched someone else's resource is no self-watch match.
 *
 * <pre>{@code
 * OwnResources own = OwnResources.fromEnvironment(System.getenv());
 * if (own.includes(ruleArn)) { ... }
 * }</pre>
 */
public record OwnResources(List<String> patterns) {

    public static final String VARIABLE = "BACKSTOP_OWN_RESOURCES";

    public OwnResources {
        patterns = List.copyOf(patterns);
        for (String pattern : patterns) {
            if (!pattern.startsWith("arn:") || pattern.equals("arn:*") || pattern.endsWith(":*:*")) {
                throw new SettingsException(VARIABLE + ": \"" + pattern + "\" is not a resource ARN pattern"
                        + " (arn:aws:lambda:REGION:ACCOUNT:function:STACK-*, * as a wildcard)");
            }
        }
    }

    /** None: the self-watch actions apply to nothing. */
    public static OwnResources none() {
        return new OwnResources(List.of());
    }

    public static OwnResources fromEnvironment(Map<String, String> env) {
        return new OwnResources(Arrays.stream(env.getOrDefault(VARIABLE, "").split(","))
                .map(String::trim).filter(pattern -> !pattern.isEmpty()).toList());
    }

    public boolean includes(String arn) {
        return patterns.stream().anyMatch(pattern -> new ArnGlob(pattern).matches(arn));
    }
}
