package dev.backstop.config;

import dev.backstop.text.Decimal;
import dev.backstop.text.Shown;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How much Backstop may change before it stops and asks a person: the blast-radius breaker
 * (enforcing actions per account and per rule in a window) and the flapping breaker (remediations
 * of one resource in a window). Past a limit, actions drop to notify until an operator resets the
 * breaker ({@code ./backstop breaker reset}).
 *
 * @param perAccount enforcing actions per account per {@code window} ({@code BACKSTOP_BLAST_ACCOUNT_LIMIT}, default 20)
 * @param perRule enforcing actions per rule per {@code window} ({@code BACKSTOP_BLAST_RULE_LIMIT}, default 10)
 * @param window the blast-radius window ({@code BACKSTOP_BLAST_WINDOW_SECONDS}, default 600)
 * @param perResource remediations of one resource per {@code flappingWindow} ({@code BACKSTOP_FLAPPING_LIMIT}, default 3)
 * @param flappingWindow the flapping window ({@code BACKSTOP_FLAPPING_WINDOW_SECONDS}, default 3600)
 */
public record BreakerLimits(int perAccount, int perRule, Duration window, int perResource, Duration flappingWindow) {

    public static final String ACCOUNT_LIMIT = "BACKSTOP_BLAST_ACCOUNT_LIMIT";
    public static final String RULE_LIMIT = "BACKSTOP_BLAST_RULE_LIMIT";
    public static final String WINDOW_SECONDS = "BACKSTOP_BLAST_WINDOW_SECONDS";
    public static final String FLAPPING_LIMIT = "BACKSTOP_FLAPPING_LIMIT";
    public static final String FLAPPING_WINDOW_SECONDS = "BACKSTOP_FLAPPING_WINDOW_SECONDS";

    public static final BreakerLimits DEFAULTS = new BreakerLimits(20, 10, Duration.ofMinutes(10), 3, Duration.ofHours(1));

    public BreakerLimits {
        positive("perAccount", perAccount);
        positive("perRule", perRule);
        positive("perResource", perResource);
        if (window.toSeconds() < 1 || flappingWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("breaker windows must be at least a second, were " + window + " and "
                    + flappingWindow);
        }
    }

    public static BreakerLimits fromEnvironment(Map<String, String> env) {
        return new BreakerLimits(
                number(env, ACCOUNT_LIMIT, DEFAULTS.perAccount),
                number(env, RULE_LIMIT, DEFAULTS.perRule),
                Duration.ofSeconds(number(env, WINDOW_SECONDS, DEFAULTS.window.toSeconds())),
                number(env, FLAPPING_LIMIT, DEFAULTS.perResource),
                Duration.ofSeconds(number(env, FLAPPING_WINDOW_SECONDS, DEFAULTS.flappingWindow.toSeconds())));
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        return (int) number(env, name, (long) fallback);
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String text = env.getOrDefault(name, "").trim();
        if (text.isEmpty()) {
            return fallback;
        }
        OptionalLong value = Decimal.whole(text);
        if (value.isEmpty() || value.getAsLong() < 1 || value.getAsLong() > Integer.MAX_VALUE) {
            throw new SettingsException(name + ": expected a positive whole number, found " + Shown.quoted(text));
        }
        return value.getAsLong();
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
