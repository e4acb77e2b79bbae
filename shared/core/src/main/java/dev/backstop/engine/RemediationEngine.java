package dev.backstop.engine;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.audit.StepLog;
import dev.backstop.aws.CredentialScope;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.correlate.Correlated;
import dev.backstop.event.Delivery;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * Decides and acts on triggers, every kind through one rule loop: claim the trigger's id (so one
 * of its deliveries decides it), reject or ignore what must not be acted on, match the rules, cap
 * each rule's mode, apply its exemptions, run its actions (each enforcing one once per trigger,
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
     * A matched rule in force, with the positions in the rule of the actions this function can run
     * for the trigger: a position, not the spec, names a step, since one rule may list a spec twice.
     */
    private record Matched(Rule rule, Mode mode, List<Integer> actions) {
    }

    private final RuleSource rules;
    private final ActionRunner runner;
    private final AuditLog audit;
    private final DecisionRecorder recorder;
    private final Mode globalMode;
    private final Map<Class<?>, Provider<TriggerSteps<?>>> kinds;
    private final StepLog stepLog;
    private final MeteredDecisions metered;
    private final Clock clock;

    @Inject
    RemediationEngine(RuleSource rules, ActionRunner runner, AuditLog audit, DecisionRecorder recorder, Settings settings,
            Map<Class<?>, Provider<TriggerSteps<?>>> kinds, StepLog stepLog, MeteredDecisions metered, Clock clock) {
        this.rules = rules;
        this.runner = runner;
        this.audit = audit;
        this.recorder = recorder;
        this.globalMode = settings.mode();
        this.kinds = kinds;
        this.stepLog = stepLog;
        this.metered = metered;
        this.clock = clock;
    }

    /** True when this function's graph binds the engine's steps for the kind, so it can decide its triggers. */
    public boolean decides(Class<? extends Trigger> kind) {
        return kinds.containsKey(kind);
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

    /** Decides the trigger once, however many times and ways it is delivered, and counts it in the metrics. */
    public AuditRecord handle(Trigger trigger) {
        return metered.decide(() -> decideOnce(steps(trigger), trigger));
    }

    private TriggerSteps<?> steps(Trigger trigger) {
        Provider<TriggerSteps<?>> steps = kinds.get(trigger.getClass());
        if (steps == null) {
            throw new IllegalStateException("this function's graph binds no engine steps for "
                    + trigger.getClass().getSimpleName() + ", so it cannot decide " + trigger.summary());
        }
        return steps.get();
    }

    private <T extends Trigger> AuditRecord decideOnce(TriggerSteps<T> steps, Trigger delivered) {
        T trigger = steps.kind().cast(delivered);
        return recorder.once(trigger.id(), clock.instant(),
                () -> steps.record(trigger, null, Decisions.duplicate(trigger, steps.named(trigger), clock.instant())),
                () -> decide(steps, trigger));
    }

    private <T extends Trigger> AuditRecord decide(TriggerSteps<T> steps, T trigger) {
        Optional<String> rejection = steps.rejection(trigger);
        if (rejection.isPresent()) {
            return steps.record(trigger, null, Decisions.without(trigger, Outcome.REJECTED, rejection.get(), clock.instant()));
        }
        try (CredentialScope.Scope scope = steps.actIn(trigger)) {
            Optional<String> ignored = steps.ignored(trigger);
            if (ignored.isPresent()) {
                return steps.record(trigger, null, Decisions.without(trigger, Outcome.IGNORED, ignored.get(), clock.instant()));
            }
            return decideByRules(steps, trigger);
        }
    }

    private <T extends Trigger> AuditRecord decideByRules(TriggerSteps<T> steps, T trigger) {
        List<Matched> matched = matched(trigger);
        Correlated found = steps.lookUp(trigger, matched.stream().map(Matched::rule).toList());
        Instant now = clock.instant();
        List<ActionResult> results = new ArrayList<>();
        for (Matched match : matched) {
            Rule rule = match.rule();
            Optional<String> exemption = rule.unless().forTrigger(trigger, now);
            Optional<String> unmet = exemption.isPresent() ? Optional.empty() : steps.unmet(rule, trigger, found);
            for (int index : match.actions()) {
                ActionSpec spec = rule.actions().get(index);
                // A retry after a partial failure takes the enforcing steps that finished from the step log.
                results.add(exemption.isPresent()
                        ? ActionRunner.exempted(rule, spec, match.mode(), steps.unplannedResource(trigger), exemption.get())
                        : unmet.isPresent()
                        ? ActionRunner.notActed(rule, spec, match.mode(), steps.unplannedResource(trigger), unmet.get())
                        : stepLog.once(trigger.id(), rule.id(), index, match.mode(),
                                () -> runner.run(rule, spec, match.mode(), trigger)));
            }
        }
        Verdict verdict = results.isEmpty()
                ? Decisions.without(trigger, Outcome.NO_MATCH, "no rule in force matched", clock.instant())
                : Decisions.acted(trigger, results, clock.instant());
        return steps.record(trigger, found, verdict);
    }

    private List<Matched> matched(Trigger trigger) {
        List<Matched> matched = new ArrayList<>();
        for (Rule rule : rules.current().match(trigger)) {
            Mode mode = rule.mode().capTo(globalMode);
            if (mode == Mode.OFF) {
                continue;
            }
            List<Integer> applicable = IntStream.range(0, rule.actions().size())
                    .filter(index -> runner.appliesTo(rule.actions().get(index), trigger)).boxed().toList();
            if (!applicable.isEmpty()) {
                matched.add(new Matched(rule, mode, applicable));
            }
        }
        return matched;
    }
}
