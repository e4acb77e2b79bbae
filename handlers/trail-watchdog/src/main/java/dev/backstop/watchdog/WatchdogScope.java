package dev.backstop.watchdog;

import dev.backstop.rules.ArnGlob;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Which trails the watchdog checks and snapshots: trail ARN patterns with {@code *} wildcards,
 * from {@code BACKSTOP_WATCHDOG_TRAILS} (comma-separated; the template's WatchdogTrails), every
 * trail when empty. What is done about a drifted trail is the rules' business; this only says
 * which trails are looked at, for accounts where some trails belong to someone else.
 *
 * <pre>{@code
 * WatchdogScope scope = WatchdogScope.fromEnvironment(System.getenv());
 * }</pre>
 */
public record WatchdogScope(List<String> trailPatterns) {

    public static final String VARIABLE = "BACKSTOP_WATCHDOG_TRAILS";
    public static final WatchdogScope EVERY_TRAIL = new WatchdogScope(List.of("*"));

    public WatchdogScope {
        trailPatterns = List.copyOf(trailPatterns);
        for (String pattern : trailPatterns) {
            if (!pattern.equals("*") && !pattern.startsWith("arn:")) {
                throw new IllegalArgumentException(VARIABLE + ": \"" + pattern + "\" is not a trail ARN pattern"
                        + " (arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME, * as a wildcard)");
            }
        }
    }

    public static WatchdogScope fromEnvironment(Map<String, String> env) {
        List<String> patterns = Arrays.stream(env.getOrDefault(VARIABLE, "").split(","))
                .map(String::trim).filter(pattern -> !pattern.isEmpty()).toList();
        return patterns.isEmpty() ? EVERY_TRAIL : new WatchdogScope(patterns);
    }

    boolean includes(String trailArn) {
        return trailPatterns.stream().anyMatch(pattern -> new ArnGlob(pattern).matches(trailArn));
    }
}
