package dev.backstop.action;

import java.util.Map;
import java.util.Objects;

/**
 * What an action intends to do to one resource, decided from the state it read first.
 *
 * @param resource the resource's full identifier (an ARN where it has one), for the audit record
 * @param address how the action's API calls name the resource, often the same as {@code resource}
 * @param change the change in words, for the audit record and the notification
 * @param undo what it takes to reverse the change, as the API call and its parameters
 */
public record ActionPlan(String action, String resource, String address, ResourceState before, String change, Map<String, String> undo) {

    public ActionPlan {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(change, "change");
        undo = Map.copyOf(undo);
    }

    public boolean changeNeeded() {
        return before.exists() && !before.compliant();
    }
}
