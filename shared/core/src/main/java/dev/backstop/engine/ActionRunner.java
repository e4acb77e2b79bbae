package dev.backstop.engine;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.AwsErrors;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.UndoFormat;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.Outcome;
import dev.backstop.breaker.ActionScope;
import dev.backstop.breaker.Breakers;
import dev.backstop.breaker.Hold;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.event.UserIdentity;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.Declared;
import dev.backstop.rules.ModePolicy;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Provider;

/**
 * Runs one action of a matched rule through plan, mode, apply and read-back. Terminal AWS
 * errors become a FAILED result; transient ones propagate so the event is retried. A target that
 * is a protected principal (Backstop's own roles and the deployment's ProtectedPrincipalArns,
 * {@link Settings#neverChanged()}) is never changed, in any mode: the action is refused. Before
 * an enforcing action is applied, the {@link Breakers} count it and may hold it back (notified,
 * not run); an action that restores the account's eyes and doors acts past them, and when the open
 * breaker names the caller or the resource, its rule's {@code escalate} action contains the caller.
 */
final class ActionRunner {

    /** Where the detail of an action that acted past an open breaker says so. */
    static final String PAST = "acted past ";

    // Providers, so a handler builds only the actions (and SDK clients) its events call for.
    private final Map<String, Provider<RemediationAction>> catalogue;
    private final VerifyPolicy verifyPolicy;
    private final PrincipalPatterns protectedPrincipals;
    private final Breakers breakers;
    private final DeclaredState declared;
    private final Clock clock;

    @Inject
    ActionRunner(Map<String, Provider<RemediationAction>> catalogue, VerifyPolicy verifyPolicy, Settings settings,
            Breakers breakers, DeclaredState declared, Clock clock) {
        this.catalogue = catalogue;
        this.verifyPolicy = verifyPolicy;
        this.breakers = breakers;
        this.declared = declared;
        this.protectedPrincipals = new PrincipalPatterns(settings.neverChanged());
        this.clock = clock;
    }

    /**
     * False when another function runs the action (each function holds its own domain's actions;
     * rule files, checked against the whole catalogue, name them all), when the action does not
     * answer this kind of trigger, or when its parameters leave this trigger out.
     */
    boolean appliesTo(ActionSpec spec, Trigger trigger) {
        Provider<RemediationAction> provider = catalogue.get(spec.action());
        return provider != null && provider.get().appliesTo(trigger, spec);
    }

    /**
     * Runs an action that {@link #appliesTo applies} to the trigger: plan, exemptions, the mode for
     * the resource, declared state, the veto window, breakers, apply and read-back. The breakers
     * count by the trigger's account, the one acted in. The target's tags are read at most once,
     * and only when an exemption, the mode, the routing or declared state asks.
     */
    ActionResult run(Rule rule, ActionSpec spec, ModeChoice choice, Trigger trigger, RunContext context) {
        RemediationAction action = catalogue.get(spec.action()).get();
        ActionPlan plan;
        Supplier<Map<String, String>> tags;
        Optional<String> exemption;
        try {
            ActionPlan planned = action.plan(trigger, spec);
            plan = planned;
            tags = memoized(() -> planned.before().exists() ? action.tags(planned) : Map.of());
            exemption = planned.before().exists()
                    ? rule.unless().forResource(planned.resource(), tags, clock.instant())
                    : Optional.empty();
        } catch (ActionRefusedException e) {
            return failed(rule, spec, choice.upper(), e.resource(), "refused: " + e.getMessage());
        } catch (MalformedEventException e) {
            // A field only the action reads (a port written as 0x1BB): the event, not AWS, is at fault.
            return failed(rule, spec, choice.upper(), "-", "refused: the event's " + e.getMessage());
        } catch (RuntimeException e) {
            rethrowIfTransient(e);
            return failed(rule, spec, choice.upper(), "-", "could not read the current state: " + AwsErrors.describe(e));
        }
        ModePolicy.Effective effective = choice.resolve(choice.needsTags() && plan.before().exists() ? tags.get() : Map.of());
        Mode mode = effective.mode();
        // A fixed mode nothing capped needs no reason: the record reads as records always did.
        boolean plain = choice.policy().cases().isEmpty() && mode == choice.policy().fallback();
        Around around = new Around(kept(context, choice, tags, plan), plain ? "" : effective.why(), "");
        if (!plan.before().exists()) {
            return around.on(result(rule, mode, plan, Outcome.RESOURCE_GONE, plan.before(), "the resource no longer exists"));
        }
        Optional<String> refusal = protectedPrincipals.refusal(plan.resource());
        if (refusal.isPresent()) {
            return around.on(result(rule, mode, plan, Outcome.FAILED, plan.before(), refusal.get()));
        }
        if (exemption.isPresent()) {
            return around.on(exempted(rule, spec, mode, plan.resource(), exemption.get()));
        }
        if (!plan.changeNeeded()) {
            return around.on(result(rule, mode, plan, Outcome.ALREADY_COMPLIANT, plan.before(), "already in the desired state"));
        }
        if (mode == Mode.OFF) {
            return around.on(result(rule, mode, plan, Outcome.IGNORED, plan.before(), "not run: the rule is off for this"
                    + " resource (" + effective.why() + ")"));
        }
        Optional<String> declaredBy = declared.of(trigger, plan, tags, context.directives().pipelines(),
                rule.declared() != Declared.REVERT);
        Around told = declaredBy.map(by -> around.declared(rule.declared().label() + ": " + by)).orElse(around);
        if (declaredBy.isPresent() && rule.declared() == Declared.RESPECT) {
            return told.on(result(rule, mode, plan, Outcome.NOTIFIED, plan.before(), "declared state (" + declaredBy.get()
                    + "), respected as the rule says (declared: respect); not run: " + plan.change()));
        }
        String declaredNote = declaredBy.isEmpty() ? "" : "; declared state (" + declaredBy.get() + ")"
                + (rule.declared() == Declared.REVERT_AND_TELL
                        ? ", reverted: its pipeline's owner is told that its code will put the change back" : ", reverted");
        return told.on(switch (mode) {
            case DRY_RUN -> result(rule, mode, plan, Outcome.WOULD_REMEDIATE, plan.before(), "would run " + plan.change()
                    + declaredNote);
            case NOTIFY, OFF -> result(rule, mode, plan, Outcome.NOTIFIED, plan.before(), "not run: " + plan.change()
                    + declaredNote);
            case ENFORCE -> context.vetoDue().isPresent()
                    ? result(rule, mode, plan, Outcome.PENDING, plan.before(), "will run " + plan.change() + " at "
                            + context.vetoDue().get() + " unless vetoed (./backstop veto " + AuditKeys.decision(trigger.id()) + " --reason ... --yes)"
                            + declaredNote)
                    : withNote(enforceUnlessHeld(rule, mode, action, plan, trigger), declaredNote);
        });
    }

    /** What the result carries beside the action's own words: the routing and mode tags, why the mode, what declares it. */
    private record Around(Map<String, String> tags, String modeReason, String declared) {

        Around declared(String by) {
            return new Around(tags, modeReason, by);
        }

        ActionResult on(ActionResult result) {
            return result.withContext(tags, modeReason, declared);
        }
    }

    /** The target's tags the files name (owner tags, mode cases' tags, managed-by tags), as far as they were read. */
    private static Map<String, String> kept(RunContext context, ModeChoice choice, Supplier<Map<String, String>> tags,
            ActionPlan plan) {
        Set<String> keys = new HashSet<>(context.directives().routing().ownerTags());
        choice.policy().cases().forEach(entry -> keys.addAll(entry.tags().keySet()));
        keys.addAll(context.directives().pipelines().tags().keySet());
        if (keys.isEmpty() || !plan.before().exists()) {
            return Map.of();
        }
        Map<String, String> kept = new TreeMap<>();
        tags.get().forEach((key, value) -> {
            if (keys.contains(key)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    private static ActionResult withNote(ActionResult result, String note) {
        return note.isEmpty() ? result : result.withDetail(result.detail() + note);
    }

    private static <T> Supplier<T> memoized(Supplier<T> read) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public T get() {
                if (!done) {
                    value = read.get();
                    done = true;
                }
                return value;
            }
        };
    }

    /**
     * The breakers count the action first, and may hold it back; an action that restores the
     * account's eyes and doors acts past them, and says so.
     */
    private ActionResult enforceUnlessHeld(Rule rule, Mode mode, RemediationAction action, ActionPlan plan,
            Trigger trigger) {
        Optional<Hold> held = breakers.admit(counted(rule, trigger, plan.resource()));
        if (held.isEmpty()) {
            return enforce(rule, mode, action, plan);
        }
        if (!action.restoresEyesOrDoors()) {
            return result(rule, mode, plan, Outcome.NOTIFIED, plan.before(), Breakers.HELD + held.get().describe()
                    + "; not run: " + plan.change());
        }
        ActionResult acted = enforce(rule, mode, action, plan);
        return new ActionResult(acted.rule(), acted.severity(), acted.action(), acted.mode(), acted.resource(),
                acted.outcome(), acted.before(), acted.after(), acted.undo(), acted.detail() + "; " + PAST
                + held.get().describe() + ", as it restores the account's eyes and doors");
    }

    /**
     * The open breaker an action of a rule that escalates acted past, when it names the principal
     * or the resource: the caller keeps undoing the fix. Empty for any other result.
     */
    Optional<Hold> repeated(Rule rule, Trigger trigger, ActionResult acted) {
        // A caller with no user or role (the watchdog's own check, a service) is no one to contain.
        if (rule.escalation().isEmpty() || acted.outcome() != Outcome.REMEDIATED || !acted.detail().contains(PAST)
                || trigger.caller().flatMap(UserIdentity::issuerArn).isEmpty()) {
            return Optional.empty();
        }
        return breakers.repeated(counted(rule, trigger, acted.resource()));
    }

    /**
     * Contains the caller who keeps undoing the fix with the rule's {@code escalate} action, in the
     * rule's mode, uncounted by the breakers and past every exemption but one: a protected principal
     * (Backstop's own roles, ProtectedPrincipalArns) is never changed.
     */
    ActionResult escalate(Rule rule, Mode mode, Trigger trigger, Hold repeated) {
        ActionSpec spec = rule.escalation().orElseThrow();
        String why = "escalated, as " + repeated.scope().describe() + " counted " + repeated.count()
                + " in its window (" + repeated.cause() + "): ";
        Provider<RemediationAction> provider = catalogue.get(spec.action());
        if (provider == null || !provider.get().appliesTo(trigger, spec)) {
            return failed(rule, spec, mode, "-", why + spec.action() + " cannot answer this "
                    + trigger.summary() + " in this function (is its action family in the function's graph?)");
        }
        RemediationAction action = provider.get();
        ActionPlan plan;
        try {
            plan = action.plan(trigger, spec);
        } catch (ActionRefusedException e) {
            return failed(rule, spec, mode, e.resource(), why + "refused: " + e.getMessage());
        } catch (RuntimeException e) {
            rethrowIfTransient(e);
            return failed(rule, spec, mode, "-", why + "could not read the current state: " + AwsErrors.describe(e));
        }
        if (!plan.before().exists()) {
            return result(rule, mode, plan, Outcome.RESOURCE_GONE, plan.before(), why + "the principal no longer exists");
        }
        if (protectedPrincipals.matches(plan.resource())) {
            return result(rule, mode, plan, Outcome.FAILED, plan.before(), why + "refused: protected principal "
                    + plan.resource() + " (Backstop's own roles and ProtectedPrincipalArns are never changed)");
        }
        if (!plan.changeNeeded()) {
            return result(rule, mode, plan, Outcome.ALREADY_COMPLIANT, plan.before(), why + "already contained");
        }
        ActionResult done = switch (mode) {
            case DRY_RUN -> result(rule, mode, plan, Outcome.WOULD_REMEDIATE, plan.before(), "would run " + plan.change());
            case NOTIFY, OFF -> result(rule, mode, plan, Outcome.NOTIFIED, plan.before(), "not run: " + plan.change());
            case ENFORCE -> enforce(rule, mode, action, plan);
        };
        return new ActionResult(done.rule(), done.severity(), done.action(), done.mode(), done.resource(), done.outcome(),
                done.before(), done.after(), done.undo(), why + done.detail());
    }

    /** What the breakers count an action by: the account and region acted in, the caller (a session by its role). */
    private static ActionScope counted(Rule rule, Trigger trigger, String resource) {
        String principal = trigger.caller().flatMap(UserIdentity::issuerArn).orElse(null);
        return new ActionScope(trigger.account(), trigger.region(), rule.id(), principal, resource);
    }

    private ActionResult enforce(Rule rule, Mode mode, RemediationAction action, ActionPlan plan) {
        try {
            action.apply(plan);
            ResourceState after = verify(action, plan);
            if (after.compliant()) {
                return result(rule, mode, plan, Outcome.REMEDIATED, after, plan.change() + ", verified by read-back");
            }
            return result(rule, mode, plan, Outcome.FAILED, after,
                    plan.change() + " returned, but the read-back does not show the desired state");
        } catch (RuntimeException e) {
            rethrowIfTransient(e);
            return result(rule, mode, plan, Outcome.FAILED, plan.before(), plan.change() + " failed: " + AwsErrors.describe(e));
        }
    }

    private ResourceState verify(RemediationAction action, ActionPlan plan) {
        ResourceState after = action.readBack(plan);
        for (int attempt = 1; attempt < verifyPolicy.attempts() && !after.compliant(); attempt++) {
            pause();
            after = action.readBack(plan);
        }
        return after;
    }

    private void pause() {
        try {
            Thread.sleep(verifyPolicy.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        }
    }

    private static void rethrowIfTransient(RuntimeException e) {
        if (AwsErrors.isTransient(e)) {
            throw e;
        }
    }

    private static ActionResult result(Rule rule, Mode mode, ActionPlan plan, Outcome outcome, ResourceState after, String detail) {
        return new ActionResult(rule.id(), rule.severity(), plan.action(), mode, plan.resource(), outcome,
                plan.before().facts(), after.facts(),
                outcome == Outcome.REMEDIATED && plan.undo() != null ? UndoFormat.write(plan.undo()) : ActionResult.noUndo(),
                detail);
    }

    static ActionResult exempted(Rule rule, ActionSpec spec, Mode mode, String resource, String exemption) {
        return new ActionResult(rule.id(), rule.severity(), spec.action(), mode, resource, Outcome.EXEMPTED,
                Map.of(), Map.of(), ActionResult.noUndo(), "exempted: " + exemption);
    }

    /** An action a rule did not run because a protected principal made the call: the team is told who. */
    static ActionResult protectedCaller(Rule rule, ActionSpec spec, Mode mode, String resource, String reason) {
        return new ActionResult(rule.id(), rule.severity(), spec.action(), mode, resource, Outcome.PROTECTED,
                Map.of(), Map.of(), ActionResult.noUndo(), "not acted: " + reason);
    }

    /** An action a rule did not run, for a reason that is no exemption (a change it requires is missing). */
    static ActionResult notActed(Rule rule, ActionSpec spec, Mode mode, String resource, String reason) {
        return new ActionResult(rule.id(), rule.severity(), spec.action(), mode, resource, Outcome.IGNORED,
                Map.of(), Map.of(), ActionResult.noUndo(), "not acted: " + reason);
    }

    private static ActionResult failed(Rule rule, ActionSpec spec, Mode mode, String resource, String detail) {
        return new ActionResult(rule.id(), rule.severity(), spec.action(), mode, resource, Outcome.FAILED,
                Map.of(), Map.of(), ActionResult.noUndo(), detail);
    }
}
