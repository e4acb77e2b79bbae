package dev.backstop.cli.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.breaker.ActionScope;
import dev.backstop.breaker.BreakerMemory;
import dev.backstop.breaker.BreakerState;
import dev.backstop.breaker.Breakers;
import dev.backstop.breaker.Hold;
import dev.backstop.config.Mode;
import dev.backstop.engine.IgnoredCalls;
import dev.backstop.engine.PrincipalPatterns;
import dev.backstop.engine.ProtectedCallers;
import dev.backstop.engine.RuleSelection;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.ExactPins;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import dev.backstop.telemetry.Telemetry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * One rule pack replayed over history. Each event goes through the engine's own steps: the
 * allowlist, {@link IgnoredCalls} (failed and own calls), {@link RuleSelection} (rules matched,
 * modes capped, actions that apply), the rule's exemptions at the event's time and
 * {@link ProtectedCallers} (a call a protected principal made is told, never acted on), then the checks
 * an action makes once it knows its target (protected principals, resource exemptions at the
 * event's time); enforcing decisions
 * then pass the real {@link Breakers}, counting in memory, in time order, at the event's time.
 * Nothing here can reach AWS: the actions are asked only whether they apply.
 */
final class PackReplay {

    private static final ObjectMapper PATTERNS = new ObjectMapper();
    private static final Set<String> CLOUDTRAIL_TYPES = Set.of(CloudTrailEventParser.DETAIL_TYPE,
            CloudTrailEventParser.SIGN_IN_DETAIL_TYPE);

    private final String name;
    private final RuleBook rules;
    private final Deployment deployment;
    private final RuleSelection selection;
    private final IgnoredCalls ignoredCalls;
    private final ProtectedCallers protectedCallers;
    private final PrincipalPatterns protectedTargets;
    private final BiPredicate<ActionSpec, Trigger> applies;
    private final Predicate<String> actsPastBreakers;
    private final ReplayClock clock = new ReplayClock();
    private final BreakerMemory memory = new BreakerMemory();
    private final Breakers breakers;
    private final Tally tally = new Tally();

    PackReplay(String name, RuleBook rules, Deployment deployment, BiPredicate<ActionSpec, Trigger> applies,
            Predicate<String> actsPastBreakers) {
        this.name = name;
        this.rules = rules;
        this.deployment = deployment;
        this.selection = new RuleSelection(deployment.mode());
        this.ignoredCalls = new IgnoredCalls(deployment.ownPrincipals(), deployment.ownSessions());
        this.protectedCallers = new ProtectedCallers(deployment.protectedPrincipals());
        this.protectedTargets = new PrincipalPatterns(deployment.neverChanged());
        this.applies = applies;
        this.actsPastBreakers = actsPastBreakers;
        // A trip's metric line has nowhere to go in a replay; the trip itself is kept in memory.
        Telemetry silent = new Telemetry(new PrintStream(OutputStream.nullOutputStream()), PATTERNS, clock);
        this.breakers = new Breakers(memory, deployment.breakerLimits(), silent, clock);
    }

    String name() {
        return name;
    }

    RuleBook rules() {
        return rules;
    }

    /**
     * The pins of the rules that can decide a CloudTrail event here: not off under the global
     * mode, and not waiting for another kind of event (an alarm rule's detail-type).
     */
    Map<String, ExactPins> pins() {
        Map<String, ExactPins> pins = new LinkedHashMap<>();
        rules.pins().forEach((id, pin) -> {
            Rule rule = rules.find(id).orElseThrow();
            if (rule.mostActiveMode().capTo(deployment.mode()) != Mode.OFF && mayMatchCloudTrail(rule)) {
                pins.put(id, pin);
            }
        });
        return pins;
    }

    /** The deployment's global mode, which caps every rule's. */
    Mode mode() {
        return deployment.mode();
    }

    Tally tally() {
        return tally;
    }

    /**
     * The decisions the event alone settles, in rule order; an enforcing one is still to pass the
     * breakers ({@link #admit}). Empty when no rule acts on the event, which the tally counts.
     */
    List<Decision> decide(CloudTrailEvent event) {
        if (!deployment.members().allows(event.account())) {
            tally.skipped("account not on the allowlist (AllowedAccounts)");
            return List.of();
        }
        if (IgnoredCalls.failed(event).isPresent()) {
            tally.skipped("failed API call");
            return List.of();
        }
        if (ignoredCalls.own(event).isPresent()) {
            tally.skipped("Backstop's own call");
            return List.of();
        }
        List<RuleSelection.Selected> matched = selection.select(rules, event, applies);
        if (matched.isEmpty()) {
            tally.skipped("no rule in force matched");
            return List.of();
        }
        List<Decision> decisions = new ArrayList<>();
        String resource = EventResources.of(event);
        Instant time = event.detail().eventTime();
        Optional<String> protectedCaller = protectedCallers.madeBy(event);
        for (RuleSelection.Selected selected : matched) {
            Optional<String> exemption = selected.rule().unless().forTrigger(event, time);
            for (int index : selected.actions()) {
                decisions.add(decision(event, selected.rule(), selected.rule().actions().get(index), selected.mode(),
                        resource, exemption, protectedCaller));
            }
        }
        return decisions;
    }

    /** In time order: an enforcing decision is counted by the breakers, which may hold it back. */
    Decision admit(Decision decision) {
        if (decision.verdict() != Verdict.ENFORCE) {
            return decision;
        }
        clock.set(decision.time());
        int tripsBefore = memory.tripped().size();
        Optional<Hold> held = breakers.admit(new ActionScope(decision.account(), decision.region(), decision.rule(),
                decision.principal(), decision.resource()));
        List<BreakerState> trips = memory.tripped();
        for (BreakerState trip : trips.subList(tripsBefore, trips.size())) {
            tally.trip(decision, trip);
        }
        if (held.isEmpty()) {
            return decision;
        }
        // As the engine: an action that restores eyes and doors acts past an open breaker.
        return actsPastBreakers.test(decision.action())
                ? decision.held(Verdict.ENFORCE, decision.reason() + "; " + "acted past " + held.get().describe())
                : decision.held(Verdict.HELD, Breakers.HELD + held.get().describe());
    }

    private static boolean mayMatchCloudTrail(Rule rule) {
        JsonNode detailType;
        try {
            detailType = PATTERNS.readTree(rule.pattern()).get("detail-type");
        } catch (JsonProcessingException e) {
            return true;
        }
        if (detailType == null || !detailType.isArray()) {
            return true;
        }
        for (JsonNode value : detailType) {
            if (!value.isTextual() || CLOUDTRAIL_TYPES.contains(value.asText())) {
                return true;
            }
        }
        return false;
    }

    private Decision decision(CloudTrailEvent event, Rule rule, ActionSpec spec, Mode mode, String resource,
            Optional<String> exemption, Optional<String> protectedCaller) {
        Verdict verdict;
        String reason;
        // As the engine: a protected principal's call is told, never acted on, before any target is planned.
        Optional<String> refusal = protectedCaller.isPresent() ? protectedCaller : protectedTargets.refusal(resource);
        // In the order the action runner checks them once it knows the target.
        Optional<String> resourceExemption = exemption.isPresent() || refusal.isPresent() ? Optional.empty()
                : rule.unless().forResource(resource, java.util.Map::of, event.detail().eventTime());
        if (exemption.isPresent()) {
            verdict = Verdict.EXEMPTED;
            reason = exemption.get();
        } else if (refusal.isPresent()) {
            verdict = Verdict.PROTECTED;
            reason = refusal.get();
        } else if (resourceExemption.isPresent()) {
            verdict = Verdict.EXEMPTED;
            reason = resourceExemption.get();
        } else {
            verdict = switch (mode) {
                case ENFORCE -> Verdict.ENFORCE;
                case DRY_RUN -> Verdict.DRY_RUN;
                case NOTIFY, OFF -> Verdict.NOTIFY;
            };
            reason = spec.action() + " in mode " + mode + (rule.unless().tags().isEmpty() ? ""
                    : "; unless.tags not checked (a resource's tags then are not known)");
        }
        var caller = event.detail().userIdentity();
        return new Decision(event.detail().eventTime(), event.eventId(), event.detail().eventName(), event.account(),
                event.region(), caller.displayName(), rule.id(), spec.action(), resource, mode, verdict, reason);
    }
}
