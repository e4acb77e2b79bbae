package dev.backstop.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Takes back exactly what a share call gave outside the {@link TrustedSet}: the permissions the
 * event added for everyone or for an untrusted account (or organization), and only those still in
 * place; every other permission, older or trusted, stays. An event that added nothing outside is
 * no match for the rule. Undo adds the removed permissions back.
 *
 * <p>One class for every resource shared this way; the family that owns the resource's SDK binds
 * it with its {@link SharePermissions}:
 *
 * <pre>{@code
 * @Provides @IntoMap @StringKey("ec2.unshare-snapshot")
 * static RemediationAction unshareSnapshot(SnapshotPermissions snapshots, Settings settings) {
 *     return new UnshareAction("ec2.unshare-snapshot", snapshots, settings.trusted());
 * }
 * }</pre>
 */
public final class UnshareAction implements RemediationAction {

    static final String SHARED_WITH = "sharedWith";
    static final String OUTSIDE = "outside";

    private final String name;
    private final SharePermissions permissions;
    private final TrustedSet trusted;

    public UnshareAction(String name, SharePermissions permissions, TrustedSet trusted) {
        this.name = Objects.requireNonNull(name, "name");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
    }

    /** True for a CloudTrail event that added a permission outside the trusted set. */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && !outsideAdded(event).isEmpty();
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String id = permissions.id(event);
        String arn = permissions.arn(event, id);
        Set<String> added = outsideAdded(event);
        Optional<Set<String>> current = permissions.read(id);
        if (current.isEmpty()) {
            return new ActionPlan(name, arn, id, ResourceState.gone(), "none: the " + permissions.kind() + " is gone");
        }
        Set<String> remove = new TreeSet<>(added);
        remove.retainAll(current.get());
        if (remove.isEmpty()) {
            return new ActionPlan(name, arn, id, state(current.get(), remove), "none: the " + permissions.kind()
                    + " is no longer shared outside as the event shared it");
        }
        return new ActionPlan(name, arn, id, state(current.get(), remove), permissions.call() + " on " + arn
                + ": stop sharing the " + permissions.kind() + " with " + SharedWith.join(remove),
                new UnshareUndo(permissions.call(), id, List.copyOf(remove)));
    }

    @Override
    public void apply(ActionPlan plan) {
        permissions.remove(plan.address(), Set.copyOf(plan.undo(UnshareUndo.class).permissions()));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return read(plan.undo(UnshareUndo.class));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return permissions.tags(plan.address(), plan.resource());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public UnshareUndo readUndo(JsonNode stored) {
        return UnshareUndo.FORMAT.read(stored);
    }

    /** Shares the resource again with the permissions the action removed. */
    @Override
    public ResourceState undo(JsonNode stored) {
        UnshareUndo undo = readUndo(stored);
        if (permissions.read(undo.id()).isEmpty()) {
            return ResourceState.gone();
        }
        permissions.add(undo.id(), Set.copyOf(undo.permissions()));
        return read(undo);
    }

    private ResourceState read(UnshareUndo undo) {
        return permissions.read(undo.id()).map(current -> state(current, Set.copyOf(undo.permissions())))
                .orElseGet(ResourceState::gone);
    }

    private Set<String> outsideAdded(CloudTrailEvent event) {
        Set<String> outside = new TreeSet<>();
        for (String permission : permissions.added(event)) {
            if (SharedWith.outside(permission, trusted, event.account())) {
                outside.add(permission);
            }
        }
        return outside;
    }

    /** Compliant when none of the planned permissions is in place. */
    private static ResourceState state(Set<String> current, Set<String> planned) {
        Set<String> still = new TreeSet<>(planned);
        still.retainAll(current);
        return new ResourceState(true, still.isEmpty(), Map.of(SHARED_WITH, SharedWith.join(current),
                OUTSIDE, SharedWith.join(still)));
    }
}
