package dev.backstop.config;

import dev.backstop.text.Decimal;
import dev.backstop.text.Shown;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How much Backstop may change before it stops and asks a person: the blast-radius breakers
 * (enforcing actions per account, per rule in an account, and against one principal's calls, in a
 * window) and the flapping breaker (remediations of one resource in a window). Past a limit, the
 * actions in the breaker's scope drop to notify (those that restore the account's eyes and doors
 * keep acting, and escalate), until the breaker closes by itself after {@code coolDown} or an
 * operator resets it ({@code ./backstop breaker reset}).
 *
 * @param perAccount enforcing actions per account per {@code window} ({@code BACKSTOP_BLAST_ACCOUNT_LIMIT}, default 20)
 * @param perRule enforcing actions of one rule in one account per {@code window} ({@code BACKSTOP_BLAST_RULE_LIMIT}, default 10)
 * @param perPrincipal enforcing actions answering one principal's calls per {@code window}
 *     ({@code BACKSTOP_BLAST_PRINCIPAL_LIMIT}, default 10)
 * @param window the blast-radius window ({@code BACKSTOP_BLAST_WINDOW_SECONDS}, default 600)
 * @param perResource remediations of one resource per {@code flappingWindow} ({@code BACKSTOP_FLAPPING_LIMIT}, default 3)
 * @param flappingWindow the flapping window ({@code BACKSTOP_FLAPPING_WINDOW_SECONDS}, default 3600)
 * @param coolDown how long a tripped breaker stays open before it closes by itself
 *     ({@code BACKSTOP_BREAKER_COOLDOWN_SECONDS}, default 3600)
 */
public record BreakerLimits(int perAccount, int perRule, int perPrincipal, Duration window, int perResource,
        Duration flappingWindow, Duration coolDown) {

    public static final String ACCOUNT_LIMIT = "BACKSTOP_BLAST_ACCOUNT_LIMIT";
    public static final String RULE_LIMIT = "BACKSTOP_BLAST_RULE_LIMIT";
    public static final String PRINCIPAL_LIMIT = "BACKSTOP_BLAST_PRINCIPAL_LIMIT";
    public static final String WINDOW_SECONDS = "BACKSTOP_BLAST_WINDOW_SECONDS";
    public static final String FLAPPING_LIMIT = "BACKSTOP_FLAPPING_LIMIT";
    public static final String FLAPPING_WINDOW_SECONDS = "BACKSTOP_FLAPPING_WINDOW_SECONDS";
    public static final String COOL_DOWN_SECONDS = "BACKSTOP_BREAKER_COOLDOWN_SECONDS";

    public static final BreakerLimits DEFAULTS = new BreakerLimits(20, 10, 10, Duration.ofMinutes(10), 3,
            Duration.ofHours(1), Duration.ofHours(1));

    public BreakerLimits {
        positive("perAccount", perAccount);
        positive("perRule", perRule);
        positive("perPrincipal", perPrincipal);
        positive("perResource", perResource);
        if (window.toSeconds() < 1 || flappingWindow.toSeconds() < 1 || coolDown.toSeconds() < 1) {
            throw new IllegalArgumentException("breaker windows and the cool-down must be at least a second, were "
                    + window + ", " + flappingWindow + " and " + coolDown);
        }
    }

    /** Limits with the default principal limit and cool-down, as tests set them. */
    public BreakerLimits(int perAccount, int perRule, Duration window, int perResource, Duration flappingWindow) {
        this(perAccount, perRule, DEFAULTS.perPrincipal, window, perResource, flappingWindow, DEFAULTS.coolDown);
    }

    /** The same limits with another principal limit. */
    public BreakerLimits withPerPrincipal(int limit) {
        return new BreakerLimits(perAccount, perRule, limit, window, perResource, flappingWindow, coolDown);
    }

    /** The same limits with another cool-down. */
    public BreakerLimits withCoolDown(Duration duration) {
        return new BreakerLimits(perAccount, perRule, perPrincipal, window, perResource, flappingWindow, duration);
    }

    public static BreakerLimits fromEnvironment(Map<String, String> env) {
        return new BreakerLimits(
                number(env, ACCOUNT_LIMIT, DEFAULTS.perAccount),
                number(env, RULE_LIMIT, DEFAULTS.perRule),
                number(env, PRINCIPAL_LIMIT, DEFAULTS.perPrincipal),
                Duration.ofSeconds(number(env, WINDOW_SECONDS, DEFAULTS.window.toSeconds())),
                number(env, FLAPPING_LIMIT, DEFAULTS.perResource),
                Duration.ofSeconds(number(env, FLAPPING_WINDOW_SECONDS, DEFAULTS.flappingWindow.toSeconds())),
                Duration.ofSeconds(number(env, COOL_DOWN_SECONDS, DEFAULTS.coolDown.toSeconds())));
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
