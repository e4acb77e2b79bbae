package dev.backstop.engine;

import dagger.Lazy;
import dev.backstop.action.AwsErrors;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.audit.Deferrals;
import dev.backstop.audit.Deferrals.Deferral;
import dev.backstop.audit.StepLog;
import dev.backstop.aws.CredentialScope;
import dev.backstop.breaker.Hold;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.correlate.Correlated;
import dev.backstop.event.Delivery;
import dev.backstop.event.Trigger;
import dev.backstop.event.TriggerReader;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleSource;
import dev.backstop.telemetry.Degradation;
import dev.backstop.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * Decides and acts on triggers, every kind through one rule loop: claim the trigger's id (so one
 * of its deliveries decides it), reject or ignore what must not be acted on, match the rules, cap
 * each rule's mode, apply its exemptions, tell (never act on) what a protected principal did, run its actions (each enforcing one once per trigger,
 * through the {@link StepLog}, and past the breakers), audit, notify, count it in the metrics.
 * What differs by kind of trigger (the account it may come from, the credentials its actions sign
 * with, what is looked up before its rules act, what its audit record says) are its
 * {@link TriggerSteps}, bound by its class: a function decides the kinds its graph binds steps for.
 *
 * <pre>{@code
 * List<AuditRecord> decisions = engine.handle(reader.deliveries(payload));
 * }</pre>
 *
 * <p>Transient AWS failures propagate after the claim is released, so Lambda retries the trigger;
 * everything else ends in an audit record.
 */
@Singleton
public final class RemediationEngine {

    /**
     * One run of the rule loop: the audit id its record gets, the attempt its finished steps are
     * kept under in the {@link StepLog}, the steps it may run ({@code RULE#INDEX}; empty: every
     * matched one), and whether a veto window has passed (the run at the due time).
     */
    private record Run(String auditId, StepLog.Attempt attempt, Optional<Set<String>> only, boolean windowPassed) {

        static Run of(Trigger trigger, AuditLog.Claim claim) {
            return new Run(AuditKeys.decision(trigger.id()), StepLog.Attempt.claimed(trigger.id(), claim), Optional.empty(),
                    false);
        }

        static Run due(Deferral deferral) {
            String id = VetoService.DUE + deferral.id();
            // A due run handed back runs again, so its steps are looked up every time.
            return new Run(id, StepLog.Attempt.maybeRepeated(id), Optional.of(Set.copyOf(deferral.steps())), true);
        }
    }

    private final RuleSource rules;
    private final ActionRunner runner;
    private final AuditLog audit;
    private final DecisionRecorder recorder;
    private final RuleSelection selection;
    private final Map<Class<?>, Provider<TriggerSteps<?>>> kinds;
    private final StepLog stepLog;
    private final MeteredDecisions metered;
    private final KillSwitchWatch killSwitch;
    private final VetoWindow window;
    private final Deferrals deferrals;
    private final Telemetry telemetry;
    private final Clock clock;

    @Inject
    RemediationEngine(Lazy<RuleSource> rules, ActionRunner runner, AuditLog audit, DecisionRecorder recorder, Settings settings,
            Map<Class<?>, Provider<TriggerSteps<?>>> kinds, StepLog stepLog, MeteredDecisions metered,
            KillSwitchWatch killSwitch, VetoWindow window, Deferrals deferrals, Telemetry telemetry, Clock clock) {
        // Lazy: a handler builds the engine on one thread while another compiles the rules (ParallelStart).
        this.rules = () -> rules.get().current();
        this.runner = runner;
        this.audit = audit;
        this.recorder = recorder;
        this.selection = new RuleSelection(settings.mode());
        this.kinds = kinds;
        this.stepLog = stepLog;
        this.metered = metered;
        this.killSwitch = killSwitch;
        this.window = window;
        this.deferrals = deferrals;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /** True when this function's graph binds the engine's steps for the kind, so it can decide its triggers. */
    public boolean decides(Class<? extends Trigger> kind) {
        return kinds.containsKey(kind);
    }

    /**
     * Decides what a function was invoked with: the deliveries its reader reads from the payload,
     * or, for a deferred decision's schedule ({@code {"backstop": "deferred", "id": ...}}), that
     * decision at its due time.
     */
    public List<AuditRecord> handle(byte[] payload, TriggerReader reader) {
        Optional<String> deferred = window.deferredId(payload);
        return deferred.isPresent() ? List.of(resume(deferred.get(), reader)) : handle(reader.deliveries(payload));
    }

    /** One decision per delivery, in delivery order; a transient failure propagates. */
    public List<AuditRecord> handle(List<Delivery> deliveries) {
        List<AuditRecord> decisions = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            decisions.add(handle(delivery));
        }
        return decisions;
    }

    /** Decides the delivered trigger, or audits a part of a payload that could not be read as REJECTED. */
    public AuditRecord handle(Delivery delivery) {
        if (delivery.trigger() != null) {
            return handle(delivery.trigger());
        }
        return metered.decide(() -> {
            AuditRecord rejected = Decisions.rejected(delivery.raw(), delivery.error(), clock.instant());
            audit.record(rejected);
            return rejected;
        });
    }

    /**
     * Decides the trigger once, however many times and ways it is delivered, and counts it in the
     * metrics. A trigger on a resource still being created waits its settle time first, unaudited:
     * it is decided, and audited, when the time has passed.
     */
    public AuditRecord handle(Trigger trigger) {
        return metered.decide(() -> settleOrDecide(steps(trigger), trigger));
    }

    /**
     * Runs a deferred decision when its schedule invokes the function with its id: a veto window
     * that has ended (the pending steps run again from a fresh read of the resource, unless vetoed,
     * audited as {@code due#AUDIT-ID}), or a settle time that has passed (the trigger is decided as
     * if delivered now). The deferral's conditional start is the claim: a run before the due time,
     * after a veto or after another run decides nothing.
     */
    public AuditRecord resume(String id, TriggerReader reader) {
        return metered.decide(() -> resumeDeferred(id, reader));
    }

    private TriggerSteps<?> steps(Trigger trigger) {
        Provider<TriggerSteps<?>> steps = kinds.get(trigger.getClass());
        if (steps == null) {
            throw new IllegalStateException("this function's graph binds no engine steps for "
                    + trigger.getClass().getSimpleName() + ", so it cannot decide " + trigger.summary());
        }
        return steps.get();
    }

    private <T extends Trigger> AuditRecord settleOrDecide(TriggerSteps<T> steps, Trigger delivered) {
        T trigger = steps.kind().cast(delivered);
        // A trigger to reject is decided at once: nothing waits in the table or on a schedule for it.
        Optional<Instant> settled = steps.rejection(trigger).isPresent() ? Optional.empty()
                : steps.settledAt(trigger, rules.current().directives().pipelines());
        if (settled.isPresent() && clock.instant().isBefore(settled.get())) {
            Optional<String> unavailable = window.unavailable();
            if (unavailable.isEmpty()) {
                String id = "settle#" + trigger.id();
                window.defer(id, Deferrals.Purpose.SETTLE, trigger, settled.get(), List.of(), List.of(trigger.summary()));
                telemetry.log("INFO", "settling: decided once the resource had time to be set up",
                        telemetry.fields().put("trigger", trigger.id()).put("until", settled.get().toString()));
                return steps.record(trigger, null, new Verdict(id, Outcome.PENDING, "a resource being created settles until "
                        + settled.get() + " (pipelines.settle); decided then", List.of(), clock.instant()));
            }
            telemetry.count("SettleSkipped", "cannot wait for a resource being created to settle; decided at once",
                    telemetry.fields().put("trigger", trigger.id()).put("why", unavailable.get()));
        }
        return decideOnce(steps, trigger);
    }

    private <T extends Trigger> AuditRecord decideOnceAs(TriggerSteps<T> steps, Trigger delivered) {
        return decideOnce(steps, steps.kind().cast(delivered));
    }

    private <T extends Trigger> AuditRecord decideOnce(TriggerSteps<T> steps, T trigger) {
        return recorder.once(AuditKeys.decision(trigger.id()), clock.instant(),
                () -> steps.record(trigger, null, Decisions.duplicate(trigger, steps.named(trigger), clock.instant())),
                claim -> decide(steps, trigger, Run.of(trigger, claim)));
    }

    private AuditRecord resumeDeferred(String id, TriggerReader reader) {
        Optional<Deferral> found = deferrals.find(id);
        Instant now = clock.instant();
        if (found.isEmpty() || !deferrals.start(id, now)) {
            String why = found.map(deferral -> deferral.state().equals(Deferrals.VETOED)
                    ? "vetoed by " + deferral.vetoedBy().orElse("?") + ": " + deferral.vetoReason().orElse("") + "; nothing run"
                    : deferral.state().equals(Deferrals.PENDING) ? "not due before " + deferral.due() + "; nothing run"
                    : "run already (" + deferral.state() + ")").orElse("no deferral " + id);
            telemetry.count("DeferredRunRefused", "a deferred decision was invoked and not run", telemetry.fields()
                    .put("id", id).put("why", why));
            boolean vetoed = found.map(deferral -> deferral.state().equals(Deferrals.VETOED)).orElse(false);
            AuditRecord refused = new AuditRecord("deferred#" + id, null, null, null, found.map(Deferral::account).orElse(null),
                    found.map(Deferral::region).orElse(null), null, now, null, null, null,
                    vetoed ? Outcome.VETOED : Outcome.IGNORED, why, List.of());
            // ./backstop veto records every veto it makes; a deferral marked vetoed without that
            // record was written into the table by someone else: the refusal goes on the chain and is counted.
            if (vetoed && audit.find(VetoService.PREFIX + id).isEmpty()) {
                telemetry.count(Degradation.VETO_NOT_ON_RECORD.metric(), "a deferred decision was marked vetoed without a veto record",
                        telemetry.fields().put("id", id));
                AuditRecord unrecorded = new AuditRecord("veto-unrecorded#" + id + "#" + now, null, null, null, refused.account(),
                        refused.region(), null, now, null, null, null, Outcome.VETOED, why + "; no veto#" + id
                        + " record: the deferral was marked vetoed outside ./backstop veto", List.of());
                audit.record(unrecorded);
                return unrecorded;
            }
            return refused;
        }
        Deferral deferral = found.get();
        try {
            AuditRecord decided = runDeferred(deferral, reader);
            deferrals.finish(id, Deferrals.DONE, decided.outcome().name());
            return decided;
        } catch (RuntimeException e) {
            // Pending again, so Lambda's retry of this invocation runs it.
            deferrals.finish(id, Deferrals.PENDING, "handed back: " + e.getClass().getSimpleName());
            throw e;
        }
    }

    private AuditRecord runDeferred(Deferral deferral, TriggerReader reader) {
        Delivery delivery = reader.deliveries(deferral.payload().getBytes(StandardCharsets.UTF_8)).get(0);
        if (delivery.trigger() == null) {
            throw new IllegalStateException("deferral " + deferral.id() + " holds a trigger this function cannot read: "
                    + delivery.error().getMessage());
        }
        TriggerSteps<?> steps = steps(delivery.trigger());
        if (deferral.purpose() == Deferrals.Purpose.SETTLE) {
            return decideOnceAs(steps, delivery.trigger());
        }
        return decideDue(steps, delivery.trigger(), deferral);
    }

    private <T extends Trigger> AuditRecord decideDue(TriggerSteps<T> steps, Trigger delivered, Deferral deferral) {
        T trigger = steps.kind().cast(delivered);
        AuditRecord decided = decide(steps, trigger, Run.due(deferral));
        audit.record(decided);
        recorder.notifyIfWorth(decided);
        return decided;
    }

    private <T extends Trigger> AuditRecord decide(TriggerSteps<T> steps, T trigger, Run run) {
        Optional<String> rejection = steps.rejection(trigger);
        if (rejection.isPresent()) {
            return steps.record(trigger, null, Decisions.without(trigger, Outcome.REJECTED, rejection.get(), clock.instant()));
        }
        try (CredentialScope.Scope scope = steps.actIn(trigger)) {
            Optional<String> ignored = steps.ignored(trigger);
            if (ignored.isPresent()) {
                return steps.record(trigger, null, Decisions.without(trigger, Outcome.IGNORED, ignored.get(), clock.instant()));
            }
            return decideByRules(steps, trigger, run);
        }
    }

    private <T extends Trigger> AuditRecord decideByRules(TriggerSteps<T> steps, T trigger, Run run) {
        RuleBook book = rules.current();
        KillSwitchWatch.State switched = killSwitch.current(book);
        killSwitch.observe(switched);
        List<RuleSelection.Selected> matched = selection.select(book, trigger, switched,
                step -> run.only().map(only -> only.contains(step)).orElse(true), runner::appliesTo);
        Correlated found = steps.lookUp(trigger, matched.stream().map(RuleSelection.Selected::rule).toList());
        Optional<String> protectedCaller = matched.isEmpty() ? Optional.empty() : steps.protectedCaller(trigger);
        Instant now = clock.instant();
        Optional<Instant> due = run.windowPassed() ? Optional.empty() : matched.stream()
                .filter(match -> match.choice().upper() == Mode.ENFORCE)
                .flatMap(match -> match.rule().enforceAfter().stream())
                .max(Duration::compareTo)
                .map(window::dueAfter);
        List<ActionResult> results = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (RuleSelection.Selected match : matched) {
            Rule rule = match.rule();
            ModeChoice choice = match.choice();
            RunContext context = new RunContext(book.directives(), rule.enforceAfter().isPresent() ? due : Optional.empty());
            Optional<String> exemption = rule.unless().forTrigger(trigger, now);
            Optional<String> unmet = exemption.isPresent() || protectedCaller.isPresent() ? Optional.empty()
                    : steps.unmet(rule, trigger, found);
            boolean escalated = false;
            for (int index : match.actions()) {
                ActionSpec spec = rule.actions().get(index);
                // A retry after a partial failure takes the enforcing steps that finished from the step log.
                ActionResult result = exemption.isPresent()
                        ? ActionRunner.exempted(rule, spec, choice.upper(), steps.unplannedResource(trigger), exemption.get())
                        : protectedCaller.isPresent()
                        ? ActionRunner.protectedCaller(rule, spec, choice.upper(), steps.unplannedResource(trigger),
                                protectedCaller.get())
                        : unmet.isPresent()
                        ? ActionRunner.notActed(rule, spec, choice.upper(), steps.unplannedResource(trigger), unmet.get())
                        : stepLog.once(run.attempt(), rule.id(), index, choice.upper(),
                                () -> runner.run(rule, spec, choice, trigger, context));
                if (result.outcome() == Outcome.PENDING) {
                    pending.add(rule.id() + "#" + index);
                }
                results.add(result);
                // Once per rule, a step after its actions: the caller keeps undoing a fix of eyes and doors.
                // It runs in the mode the resource got (the kill switch caps it too) and is never deferred.
                Optional<Hold> repeated = escalated ? Optional.empty() : runner.repeated(rule, trigger, result);
                if (repeated.isPresent()) {
                    escalated = true;
                    results.add(stepLog.once(run.attempt(), rule.id(), rule.actions().size(), result.mode(),
                            () -> runner.escalate(rule, result.mode(), trigger, repeated.get())));
                }
            }
        }
        if (!pending.isEmpty()) {
            results = deferOrFail(trigger, run.auditId(), due.orElseThrow(), pending, results);
        }
        Verdict verdict = results.isEmpty()
                ? new Verdict(run.auditId(), Outcome.NO_MATCH, "no rule in force matched", List.of(), clock.instant())
                : Decisions.acted(run.auditId(), results, clock.instant());
        return steps.record(trigger, found, verdict);
    }

    /**
     * Schedules the decision's pending steps to run when its veto window ends; when that cannot be
     * done, they become FAILED and nothing runs: a veto window is never skipped.
     */
    private List<ActionResult> deferOrFail(Trigger trigger, String auditId, Instant due, List<String> pending,
            List<ActionResult> results) {
        List<String> described = results.stream().filter(result -> result.outcome() == Outcome.PENDING)
                .map(result -> result.action() + " on " + result.resource() + " (rule " + result.rule() + ")").toList();
        Optional<String> unavailable = window.unavailable();
        String failure = null;
        if (unavailable.isEmpty()) {
            try {
                window.defer(auditId, Deferrals.Purpose.VETO_WINDOW, trigger, due, pending, described);
            } catch (RuntimeException e) {
                if (AwsErrors.isTransient(e)) {
                    throw e;
                }
                failure = AwsErrors.describe(e);
            }
        } else {
            failure = unavailable.get();
        }
        if (failure == null) {
            return results;
        }
        String why = "its veto window could not be scheduled (" + failure + "); not run, and nothing runs without the window";
        return results.stream().map(result -> result.outcome() != Outcome.PENDING ? result
                : new ActionResult(result.rule(), result.severity(), result.action(), result.mode(), result.resource(),
                        Outcome.FAILED, result.before(), result.after(), ActionResult.noUndo(), why, result.tags(), result.modeReason(),
                        result.declared())).toList();
    }
}
