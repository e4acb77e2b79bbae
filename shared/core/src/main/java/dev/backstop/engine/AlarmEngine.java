package dev.backstop.engine;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AlarmContext;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.audit.RecentChange;
import dev.backstop.audit.StepLog;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.correlate.ChangeLookup;
import dev.backstop.correlate.Correlated;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.event.MalformedEventException;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Correlation;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Decides and acts on CloudWatch alarms, as {@link RemediationEngine} does on CloudTrail events:
 * parse (every shape, every record of an SNS delivery), claim the alarm event's id (so the
 * EventBridge and the SNS delivery of one state change act once), match the rules, look up who
 * changed the alarm's resources before it, run the actions that respond to alarms (each enforcing
 * one once per alarm, through the {@link StepLog}), audit, notify, count it in the metrics.
 *
 * <pre>{@code
 * List<AuditRecord> decisions = alarms.handle(payload);
 * }</pre>
 */
@Singleton
public final class AlarmEngine {

    private final AlarmPayloadParser parser;
    private final RuleSource rules;
    private final ActionRunner runner;
    private final ChangeLookup changes;
    private final AuditLog audit;
    private final DecisionRecorder recorder;
    private final Mode globalMode;
    private final Optional<String> homeAccount;
    private final StepLog steps;
    private final MeteredDecisions metered;
    private final Clock clock;

    /**
     * A matched rule in force, with the positions in the rule of the actions this function can run
     * for an alarm: a position, not the spec, names a step, since one rule may list a spec twice.
     */
    private record Matched(Rule rule, Mode mode, List<Integer> actions) {
    }

    @Inject
    AlarmEngine(AlarmPayloadParser parser, RuleSource rules, ActionRunner runner, ChangeLookup changes, AuditLog audit,
            DecisionRecorder recorder, Settings settings, StepLog steps, MeteredDecisions metered, Clock clock) {
        this.parser = parser;
        this.rules = rules;
        this.runner = runner;
        this.changes = changes;
        this.audit = audit;
        this.recorder = recorder;
        this.globalMode = settings.mode();
        this.homeAccount = settings.members().homeAccount();
        this.steps = steps;
        this.metered = metered;
        this.clock = clock;
    }

    /**
     * One decision per alarm in the payload, in delivery order, each counted in the metrics; a
     * transient failure propagates after the claim is released.
     */
    public List<AuditRecord> handle(byte[] payload) {
        List<AuditRecord> decisions = new ArrayList<>();
        for (AlarmPayloadParser.Entry entry : parser.read(payload)) {
            if (entry.error() != null) {
                byte[] raw = entry.raw() == null ? payload : entry.raw().toString().getBytes(StandardCharsets.UTF_8);
                decisions.add(metered.decide(() -> rejected(raw, entry.error())));
            } else {
                decisions.add(handle(entry.alarm()));
            }
        }
        return decisions;
    }

    /** Decides one alarm once, however many times and ways it is delivered, and counts it in the metrics. */
    public AuditRecord handle(AlarmEvent alarm) {
        return metered.decide(() -> decideOnce(alarm));
    }

    private AuditRecord rejected(byte[] raw, MalformedEventException error) {
        AuditRecord rejected = Decisions.rejected(raw, error, clock.instant());
        audit.record(rejected);
        return rejected;
    }

    private AuditRecord decideOnce(AlarmEvent alarm) {
        return recorder.once(AuditKeys.decision(alarm.id()), clock.instant(), () -> AlarmDecisions.duplicate(alarm, clock.instant()),
                () -> decide(alarm));
    }

    private AuditRecord decide(AlarmEvent alarm) {
        // The alarm actions address a function or an instance by name, with this function's own
        // credentials: an alarm of another account must never move a same-named resource here.
        if (homeAccount.isPresent() && !homeAccount.get().equals(alarm.account())) {
            return AlarmDecisions.without(alarm, AlarmDecisions.context(alarm, null), Outcome.REJECTED, "alarm of account "
                    + alarm.account() + ": alarms are decided only in the account Backstop runs in ("
                    + homeAccount.get() + ")", clock.instant());
        }
        List<Matched> matched = matched(alarm);
        Duration window = matched.stream().map(m -> m.rule().correlate().window())
                .max(Comparator.naturalOrder()).orElse(Correlation.DEFAULT.window());
        // Every alarm that fires, or that a rule answers, names the changes before it; an OK costs no lookup.
        Correlated found = matched.isEmpty() && !"ALARM".equals(alarm.state()) ? null : changes.before(alarm, window);
        AlarmContext context = AlarmDecisions.context(alarm, found);
        Instant now = clock.instant();
        List<ActionResult> results = new ArrayList<>();
        for (Matched match : matched) {
            Rule rule = match.rule();
            Optional<String> exemption = rule.unless().forAlarm(alarm, now);
            Optional<String> unmet = exemption.isPresent() ? Optional.empty() : unmetRequirement(rule, alarm, found);
            for (int index : match.actions()) {
                ActionSpec spec = rule.actions().get(index);
                results.add(exemption.isPresent() ? ActionRunner.exempted(rule, spec, match.mode(), alarm.alarmArn(), exemption.get())
                        : unmet.isPresent() ? ActionRunner.notActed(rule, spec, match.mode(), alarm.alarmArn(), unmet.get())
                        : steps.once(alarm.id(), rule.id(), index, match.mode(), () -> runner.run(rule, spec, match.mode(), alarm)));
            }
        }
        if (results.isEmpty()) {
            return AlarmDecisions.without(alarm, context, Outcome.NO_MATCH, "no rule in force matched", now);
        }
        return AlarmDecisions.acted(alarm, context, results, now);
    }

    private List<Matched> matched(AlarmEvent alarm) {
        List<Matched> matched = new ArrayList<>();
        for (Rule rule : rules.current().match(alarm)) {
            Mode mode = rule.mode().capTo(globalMode);
            List<Integer> applicable = IntStream.range(0, rule.actions().size())
                    .filter(index -> runner.appliesTo(rule.actions().get(index), alarm)).boxed().toList();
            if (mode != Mode.OFF && !applicable.isEmpty()) {
                matched.add(new Matched(rule, mode, applicable));
            }
        }
        return matched;
    }

    /** Why a rule that requires a change before it acts does not act, if it does not. */
    private static Optional<String> unmetRequirement(Rule rule, AlarmEvent alarm, Correlated found) {
        Correlation correlate = rule.correlate();
        if (!correlate.requiresChange()) {
            return Optional.empty();
        }
        List<RecentChange> required = found.requiredWithin(correlate.window(), alarm.time(), correlate.require());
        if (!required.isEmpty()) {
            return Optional.empty();
        }
        String where = found.resources().isEmpty() ? "the alarm's resources" : String.join(", ", found.resources());
        return Optional.of("correlate.require: no " + String.join(", ", correlate.require()) + " to " + where + " in the "
                + correlate.windowInWords() + " before the alarm" + (found.note() == null ? "" : " (" + found.note() + ")"));
    }
}
