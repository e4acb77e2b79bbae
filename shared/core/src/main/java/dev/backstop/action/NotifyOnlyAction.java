package dev.backstop.action;

import java.util.Map;

/**
 * An action that only tells: it changes nothing in AWS, and the notification the decision sends
 * after its audit record is the whole response. Its rules ship in mode {@code notify}, where the
 * decision reads NOTIFIED; in enforce mode there is nothing to apply, and the read-back says the
 * team was told with this decision. It plans as any action does, naming the resource and what to
 * tell the team:
 *
 * <pre>{@code
 * return new ActionPlan(NAME, resource, resource, new ResourceState(true, false, facts),
 *         "tell the team that alarm " + alarm.alarmName() + " is " + alarm.state());
 * }</pre>
 */
public interface NotifyOnlyAction extends RemediationAction {

    /** Makes no AWS call: there is nothing to change. */
    @Override
    default void apply(ActionPlan plan) {
    }

    /**
     * Compliant once the team is told, which the decision does; an action whose notification does
     * not put the matter right overrides it, so that in enforce mode the decision reads FAILED.
     */
    @Override
    default ResourceState readBack(ActionPlan plan) {
        return new ResourceState(true, true, Map.of("notified", "with this decision"));
    }
}
