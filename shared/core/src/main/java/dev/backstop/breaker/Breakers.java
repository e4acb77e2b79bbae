package dev.backstop.breaker;

import dev.backstop.action.AwsErrors;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.breaker.BreakerScope.Kind;
import dev.backstop.config.BreakerLimits;
import dev.backstop.config.Settings;
import dev.backstop.notify.Notifier;
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
 * Each counts the action in its scope (the account, the rule in that account, the principal whose
 * call it answers, the resource); a breaker past its limit trips, raises its alarm metric, writes
 * an audit record and notifies, and holds back the actions in its scope (notified instead; those
 * that restore the account's eyes and doors act anyway, and escalate) until its cool-down has
 * passed, when the next action it counts closes it (audited and notified too), or until an
 * operator resets it.
 *
 * <pre>{@code
 * Optional<Hold> held = breakers.admit(new ActionScope(account, region, rule.id(), principal, trailArn));
 * // present: a breaker is open; notify instead of acting, unless the action keeps eyes and doors
 * }</pre>
 *
 * <p>Counts are taken before the action runs, so an action that then fails still counts: a
 * breaker errs towards stopping. Scopes are counted in order (account, rule, principal, resource)
 * and the first that holds the action back stops the counting.
 */
@Singleton
public final class Breakers {

    /** How the detail of a held-back action starts, for readers and metrics. */
    public static final String HELD = "held back by ";
    /** Where a breaker's own audit records come from. */
    public static final String SOURCE = "backstop.breaker";

    private record Limit(BreakerScope scope, int max, Duration window, String counted) {
    }

    private final BreakerCounts table;
    private final BreakerLimits limits;
    private final Telemetry telemetry;
    private final Records records;
    private final Clock clock;

    @Inject
    Breakers(BreakerTable table, Settings settings, Telemetry telemetry, AuditLog audit, Notifier notifier, Clock clock) {
        this(table, settings.breakerLimits(), telemetry, clock, new Audited(audit, notifier, telemetry));
    }

    /**
     * Breakers that count in memory, for a replay of history ({@code ./backstop backtest}): the
     * clock is the replayed event's time, and nothing is written anywhere, trips and closes included.
     */
    public Breakers(BreakerMemory memory, BreakerLimits limits, Telemetry telemetry, Clock clock) {
        this(memory, limits, telemetry, clock, record -> { });
    }

    private Breakers(BreakerCounts table, BreakerLimits limits, Telemetry telemetry, Clock clock, Records records) {
        this.table = table;
        this.limits = limits;
        this.telemetry = telemetry;
        this.records = records;
        this.clock = clock;
    }

    /** Counts one enforcing action; empty when no breaker holds it back, else the open one that does. */
    public Optional<Hold> admit(ActionScope action) {
        for (Limit limit : limits(action)) {
            Optional<Hold> held = admit(limit, action);
            if (held.isPresent()) {
                return held;
            }
        }
        return Optional.empty();
    }

    /**
     * The open breaker, of those that name one principal or one resource, that the action (just
     * counted by {@link #admit}) acted past: someone keeps undoing the same fix. Counts nothing.
     */
    public Optional<Hold> repeated(ActionScope action) {
        Instant now = clock.instant();
        return limits(action).stream()
                .filter(limit -> limit.scope().kind() == Kind.PRINCIPAL || limit.scope().kind() == Kind.RESOURCE)
                .flatMap(limit -> {
                    BreakerCounts.Counted counted = table.peek(limit.scope(), limit.window(), now);
                    return counted.tripped()
                            .filter(open -> now.isBefore(open.trippedAt().plus(limits.coolDown())))
                            .map(open -> new Hold(open.scope(), open.cause(), counted.count())).stream();
                })
                .findFirst();
    }

    private List<Limit> limits(ActionScope action) {
        List<Limit> all = new ArrayList<>();
        boolean inAccount = action.account() != null && !action.account().isBlank();
        if (inAccount) {
            all.add(new Limit(BreakerScope.of(Kind.ACCOUNT, action.account()), limits.perAccount(), limits.window(),
                    "enforcing actions in the account"));
        }
        all.add(new Limit(inAccount ? BreakerScope.rule(action.account(), action.rule())
                : BreakerScope.of(Kind.RULE, action.rule()), limits.perRule(), limits.window(),
                "enforcing actions of the rule in the account"));
        if (action.principal() != null && !action.principal().isBlank()) {
            all.add(new Limit(BreakerScope.of(Kind.PRINCIPAL, action.principal()), limits.perPrincipal(),
                    limits.window(), "enforcing actions answering the principal's calls"));
        }
        all.add(new Limit(BreakerScope.of(Kind.RESOURCE, action.resource()), limits.perResource(),
                limits.flappingWindow(), "remediations of the resource"));
        return all;
    }

    private Optional<Hold> admit(Limit limit, ActionScope action) {
        Instant now = clock.instant();
        BreakerCounts.Counted counted = table.count(limit.scope(), limit.window(), now);
        if (counted.tripped().isPresent()) {
            BreakerState open = counted.tripped().get();
            if (now.isBefore(open.trippedAt().plus(limits.coolDown()))) {
                return Optional.of(new Hold(open.scope(), open.cause(), counted.count()));
            }
            String by = "cool-down of " + words(limits.coolDown());
            if (table.closeAfterCoolDown(limit.scope(), open.trippedAt(), by, now)) {
                record(action, "closed", Outcome.BREAKER_CLOSED, now, limit.scope(), limit.scope().describe()
                        + " closed by itself after its " + by + " (it tripped at " + open.trippedAt() + ")");
            }
            counted = table.count(limit.scope(), limit.window(), now);
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
                    + "; its actions are notified only until it cools down or " + limit.scope().resetCommand(), fields);
            record(action, "tripped", Outcome.BREAKER_TRIPPED, now, limit.scope(), limit.scope().describe() + " "
                    + cause + " (rule " + action.rule() + " on " + action.resource() + "); its actions are notified"
                    + " only, and those that restore eyes and doors act and escalate, until it closes after its"
                    + " cool-down of " + words(limits.coolDown()) + " or " + limit.scope().resetCommand());
        }
        return Optional.of(new Hold(limit.scope(), cause, counted.count()));
    }

    /** The breaker's audit record, in the chain of the account and region acted in. */
    private void record(ActionScope action, String what, Outcome outcome, Instant now, BreakerScope scope, String reason) {
        records.record(new AuditRecord(AuditKeys.breaker(scope.key(), what, now), null, scope.describe(), SOURCE,
                action.account(), action.region(), now, now, null, null, null, outcome, reason, List.of()));
    }

    /** Where a breaker's trips and closes go: the audit trail and the topic, or nowhere in a replay. */
    private interface Records {
        void record(AuditRecord record);
    }

    /**
     * Audited and notified. A notification that fails is logged, not retried: the record and the
     * metric stand.
     */
    private record Audited(AuditLog audit, Notifier notifier, Telemetry telemetry) implements Records {

        @Override
        public void record(AuditRecord record) {
            audit.record(record);
            try {
                notifier.publish(record);
                audit.noteNotification(record.auditId(), "sent");
            } catch (RuntimeException e) {
                telemetry.log("ERROR", "notification of " + record.auditId() + " failed: " + AwsErrors.describe(e),
                        telemetry.fields().put("auditId", record.auditId()));
            }
        }
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
