package dev.backstop.engine;

import dev.backstop.action.EventObserver;
import dev.backstop.action.AwsErrors;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.audit.StepLog;
import dev.backstop.aws.CredentialScope;
import dev.backstop.aws.MemberAccounts;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.MalformedEventException;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Decides and acts on one delivered event: parse, claim the event id, reject an account not on the
 * allowlist, skip what must not be acted on, match the rules, run their actions (in the event's
 * account: {@link MemberAccounts}), audit, notify.
 *
 * <pre>{@code
 * AuditRecord decision = engine.handle(payload);
 * }</pre>
 *
 * <p>Transient AWS failures propagate after the claim is released, so Lambda retries the event;
 * everything else ends in an audit record.
 */
@Singleton
public final class RemediationEngine {

    private final CloudTrailEventParser parser;
    private final RuleSource rules;
    private final ActionRunner runner;
    private final AuditLog audit;
    private final DecisionRecorder recorder;
    private final Mode globalMode;
    private final PrincipalPatterns ownPrincipals;
    private final MemberAccounts accounts;
    private final Set<EventObserver> observers;
    private final StepLog steps;
    private final MeteredDecisions metered;
    private final Clock clock;

    @Inject
    RemediationEngine(CloudTrailEventParser parser, RuleSource rules, ActionRunner runner, AuditLog audit,
            DecisionRecorder recorder, Settings settings, MemberAccounts accounts, Set<EventObserver> observers, StepLog steps,
            MeteredDecisions metered, Clock clock) {
        this.parser = parser;
        this.rules = rules;
        this.runner = runner;
        this.audit = audit;
        this.recorder = recorder;
        this.globalMode = settings.mode();
        // Its roles here, and its member-role sessions in the member accounts.
        this.ownPrincipals = new PrincipalPatterns(
                Stream.concat(settings.ownPrincipals().stream(), accounts.ownSessions().stream()).toList());
        this.accounts = accounts;
        this.observers = Set.copyOf(observers);
        this.steps = steps;
        this.metered = metered;
        this.clock = clock;
    }

    /** Decides an event as a handler received it: one whose provenance does not hold is REJECTED. */
    public AuditRecord handle(byte[] payload) {
        return metered.decide(() -> decideAndRecord(payload, true));
    }

    /**
     * Decides an event Backstop made itself, in process (the trail watchdog's drift): its
     * provenance is the code that made it, so it is not held to a CloudTrail event's.
     */
    public AuditRecord handleOwn(byte[] payload) {
        return metered.decide(() -> decideAndRecord(payload, false));
    }

    private AuditRecord decideAndRecord(byte[] payload, boolean delivered) {
        CloudTrailEvent event;
        try {
            event = delivered ? parser.parseDelivered(payload, clock.instant()) : parser.parse(payload);
        } catch (MalformedEventException e) {
            AuditRecord rejected = Decisions.rejected(payload, e, clock.instant());
            audit.record(rejected);
            return rejected;
        }
        return recorder.once(AuditKeys.decision(event.eventId()), clock.instant(),
                () -> Decisions.duplicate(event, clock.instant()), () -> decide(event));
    }

    private AuditRecord decide(CloudTrailEvent event) {
        // First, before any observer records anything from it: a stranger's event is never acted on.
        if (!accounts.allows(event.account())) {
            return Decisions.without(event, Outcome.REJECTED, "account " + event.account()
                    + " is not on the allowlist (AllowedAccounts): its events are never acted on", clock.instant());
        }
        // The remediation clients act in the event's account; the audit table, the topic and the
        // rule file stay the home account's whatever the scope.
        try (CredentialScope.Scope account = accounts.actAs(event.account())) {
            return decideInAccount(event);
        }
    }

    private AuditRecord decideInAccount(CloudTrailEvent event) {
        if (event.detail().failed()) {
            return Decisions.without(event, Outcome.IGNORED, "the API call failed (" + event.detail().errorCode()
                    + "), so nothing changed", clock.instant());
        }
        observe(event);
        if (ownPrincipals.matches(event.detail().userIdentity())) {
            return Decisions.without(event, Outcome.IGNORED, "made by Backstop's own principal", clock.instant());
        }
        List<ActionResult> results = new ArrayList<>();
        for (Rule rule : rules.current().match(event)) {
            Mode mode = rule.mode().capTo(globalMode);
            if (mode == Mode.OFF) {
                continue;
            }
            // Positions, not specs, name the steps: one rule may list a spec twice.
            List<Integer> applicable = IntStream.range(0, rule.actions().size())
                    .filter(index -> runner.appliesTo(rule.actions().get(index), event)).boxed().toList();
            if (applicable.isEmpty()) {
                continue;
            }
            Optional<String> exemption = rule.unless().forCaller(event, clock.instant());
            for (int index : applicable) {
                ActionSpec spec = rule.actions().get(index);
                // A retry after a partial failure takes the enforcing steps that finished from the step log.
                results.add(exemption.isPresent()
                        ? ActionRunner.exempted(rule, spec, mode, "-", exemption.get())
                        : steps.once(event.eventId(), rule.id(), index, mode, () -> runner.run(rule, spec, mode, event)));
            }
        }
        if (results.isEmpty()) {
            return Decisions.without(event, Outcome.NO_MATCH, "no rule in force matched", clock.instant());
        }
        return Decisions.acted(event, results, clock.instant());
    }

    private void observe(CloudTrailEvent event) {
        for (EventObserver observer : observers) {
            try {
                observer.observe(event);
            } catch (RuntimeException e) {
                if (AwsErrors.isTransient(e)) {
                    throw e;
                }
                System.err.println("backstop: " + observer.getClass().getSimpleName() + " could not record event "
                        + event.eventId() + ": " + AwsErrors.describe(e));
            }
        }
    }
}
