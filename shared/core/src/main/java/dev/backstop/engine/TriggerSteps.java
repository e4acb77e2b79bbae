package dev.backstop.engine;

import dev.backstop.audit.AuditRecord;
import dev.backstop.aws.CredentialScope;
import dev.backstop.correlate.Correlated;
import dev.backstop.event.Trigger;
import dev.backstop.rules.Pipelines;
import dev.backstop.rules.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the one rule loop of {@link RemediationEngine} does differently for one kind of trigger,
 * called in this order: {@link #rejection}, {@link #actIn}, {@link #ignored}, then the rules are
 * matched, then {@link #lookUp} and {@link #protectedCaller}, then for each matched rule
 * {@link #unmet}, and {@link #record} at the end. Bound into a map by the trigger's class, so a new kind of trigger is a new binding:
 *
 * <pre>{@code
 * @Binds @IntoMap @ClassKey(AlarmEvent.class) abstract TriggerSteps<?> alarms(AlarmSteps steps);
 * }</pre>
 *
 * @param <T> the kind of trigger
 */
interface TriggerSteps<T extends Trigger> {

    Class<T> kind();

    /** The trigger as a duplicate's reason names it: {@code event <id>}. */
    String named(T trigger);

    /** Why the trigger is never acted on, decided before anything looks at it (REJECTED); else empty. */
    default Optional<String> rejection(T trigger) {
        return Optional.empty();
    }

    /** The credentials the decision's actions sign with while the scope is open. */
    CredentialScope.Scope actIn(T trigger);

    /**
     * Why no rule is matched (IGNORED), else empty. What must see every trigger of the kind, acted
     * on or not, sees it here.
     */
    default Optional<String> ignored(T trigger) {
        return Optional.empty();
    }

    /** What the matched rules need to know before they act (the changes before an alarm); null when nothing was looked up. */
    default Correlated lookUp(T trigger, List<Rule> matched) {
        return null;
    }

    /**
     * Why no matched rule acts on the trigger, though each is told (PROTECTED): a protected
     * principal made it. Else empty.
     */
    default Optional<String> protectedCaller(T trigger) {
        return Optional.empty();
    }

    /** Why a matched rule no exemption covers does not act (a change it requires is missing); else empty. */
    default Optional<String> unmet(Rule rule, T trigger, Correlated found) {
        return Optional.empty();
    }

    /**
     * When a trigger on a resource being created has settled, so its resource can be read: empty
     * for a trigger that need not wait (the default), or when the rule files set no settle time.
     */
    default Optional<Instant> settledAt(T trigger, Pipelines pipelines) {
        return Optional.empty();
    }

    /** How an action a rule exempts or does not run names its resource, before any action planned. */
    String unplannedResource(T trigger);

    /** The audit record of how the decision ended, saying what the trigger was. */
    AuditRecord record(T trigger, Correlated found, Verdict verdict);
}
