package dev.backstop.breaker;

import dev.backstop.breaker.BreakerScope.Kind;
import dev.backstop.config.BreakerLimits;
import dev.backstop.config.Settings;
import dev.backstop.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The blast-radius and flapping breakers, asked once before every enforcing action is applied.
 * Each counts the action in its scope (the account, the rule, the resource); a breaker past its
 * limit trips, raises its alarm metric, and holds back every action in its scope (they are
 * notified instead) until an operator resets it.
 *
 * <pre>{@code
 * Optional<String> held = breakers.admit("123456789012", "cloudtrail-logging-stopped", trailArn);
 * // present: do not act; audit and notify with this reason
 * }</pre>
 *
 * <p>Counts are taken before the action runs, so an action that then fails still counts: a
 * breaker errs towards stopping. Scopes are counted in order (account, rule, resource) and the
 * first that holds the action back stops the counting.
 */
@Singleton
public final class Breakers {

    /** How the detail of a held-back action starts, for readers and metrics. */
    public static final String HELD = "held back by ";

    private record Limit(BreakerScope scope, int max, Duration window, String counted) {
    }

    private final BreakerCounts table;
    private final BreakerLimits limits;
    private final Telemetry telemetry;
    private final Clock clock;

    @Inject
    Breakers(BreakerTable table, Settings settings, Telemetry telemetry, Clock clock) {
        this((BreakerCounts) table, settings.breakerLimits(), telemetry, clock);
    }

    /**
     * Breakers that count in memory, for a replay of history ({@code ./backstop backtest}): the
     * clock is the replayed event's time, and nothing is written anywhere.
     */
    public Breakers(BreakerMemory memory, BreakerLimits limits, Telemetry telemetry, Clock clock) {
        this((BreakerCounts) memory, limits, telemetry, clock);
    }

    private Breakers(BreakerCounts table, BreakerLimits limits, Telemetry telemetry, Clock clock) {
        this.table = table;
        this.limits = limits;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /**
     * Counts one enforcing action; empty when it may run, else why it must not (starting with
     * {@link #HELD}).
     */
    public Optional<String> admit(String account, String rule, String resource) {
        for (Limit limit : limits(account, rule, resource)) {
            Optional<String> held = admit(limit);
            if (held.isPresent()) {
                return held;
            }
        }
        return Optional.empty();
    }

    private List<Limit> limits(String account, String rule, String resource) {
        List<Limit> all = new ArrayList<>();
        if (account != null && !account.isBlank()) {
            all.add(new Limit(BreakerScope.of(Kind.ACCOUNT, account), limits.perAccount(), limits.window(),
                    "enforcing actions in the account"));
        }
        all.add(new Limit(BreakerScope.of(Kind.RULE, rule), limits.perRule(), limits.window(),
                "enforcing actions of the rule"));
        all.add(new Limit(BreakerScope.of(Kind.RESOURCE, resource), limits.perResource(), limits.flappingWindow(),
                "remediations of the resource"));
        return all;
    }

    private Optional<String> admit(Limit limit) {
        Instant now = clock.instant();
        BreakerCounts.Counted counted = table.count(limit.scope(), limit.window(), now);
        if (counted.tripped().isPresent()) {
            return Optional.of(held(counted.tripped().get().scope(), counted.tripped().get().cause()));
        }
        if (counted.count() <= limit.max()) {
            return Optional.empty();
        }
        String cause = "tripped at " + now + ": more than " + limit.max() + " " + limit.counted() + " within "
                + words(limit.window());
        if (table.trip(limit.scope(), cause, now)) {
            var fields = telemetry.fields()
                    .put("breaker", limit.scope().kind().breaker())
                    .put("scope", limit.scope().kind().label())
                    .put("target", limit.scope().target())
                    .put("limit", limit.max())
                    .put("window", limit.window().toString());
            telemetry.count(limit.scope().kind().metric(), limit.scope().describe() + " " + cause
                    + "; its actions are notified only until " + limit.scope().resetCommand(), fields);
        }
        return Optional.of(held(limit.scope(), cause));
    }

    private static String held(BreakerScope scope, String cause) {
        return HELD + scope.describe() + " (" + cause + "); reset with " + scope.resetCommand();
    }

    /** "10 minutes", "1 hour", "90 seconds". */
    static String words(Duration window) {
        long seconds = window.toSeconds();
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
