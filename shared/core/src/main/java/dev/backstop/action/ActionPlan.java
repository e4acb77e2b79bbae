package dev.backstop.action;

import java.util.Objects;

/**
 * What an action intends to do to one resource, decided from the state it read first.
 *
 * @param resource the resource's full identifier (an ARN where it has one), for the audit record
 * @param address how the action's API calls name the resource, often the same as {@code resource}
 * @param change the change in words, for the audit record and the notification
 * @param undo what reverses the change (the action's own record, kept in the audit record once the
 *     change is made), and what the action's apply and read-back work from; null when the plan
 *     changes nothing
 */
public record ActionPlan(String action, String resource, String address, ResourceState before, String change, UndoData undo) {

    public ActionPlan {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(change, "change");
    }

    /** A plan with nothing to reverse: the target is gone, already as wanted, or cannot be fixed. */
    public ActionPlan(String action, String resource, String address, ResourceState before, String change) {
        this(action, resource, address, before, change, null);
    }

    public boolean changeNeeded() {
        return before.exists() && !before.compliant();
    }

    /** The undo data as the action's own record. */
    public <T extends UndoData> T undo(Class<T> type) {
        if (!type.isInstance(undo)) {
            throw new IllegalStateException("the plan for " + resource + " holds no " + type.getSimpleName()
                    + " (it holds " + (undo == null ? "none" : undo.getClass().getSimpleName()) + ")");
        }
        return type.cast(undo);
    }
}
