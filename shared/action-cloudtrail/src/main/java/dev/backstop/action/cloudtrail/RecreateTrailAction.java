package dev.backstop.action.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.cloudtrail.TrailSnapshots.Snapshot;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Recreates a deleted trail from Backstop's last snapshot of it ({@link TrailSnapshots}): CreateTrail
 * with the recorded settings and tags, its event selectors, StartLogging. Done when the read-back
 * finds the trail logging, no weaker than the snapshot.
 *
 * <p>Without a snapshot there is nothing to recreate from: the action is refused, so the decision
 * is FAILED at the rule's severity and notified, saying that no snapshot exists.
 *
 * <p>Undoable: an operator's undo deletes the recreated trail again (the logs it delivered stay in
 * the bucket) and retires its snapshot, so the watchdog does not bring it back.
 */
final class RecreateTrailAction implements RemediationAction {

    static final String NAME = "cloudtrail.recreate-trail";
    private static final Map<String, String> DELETED = Map.of("trailExists", "false");

    private final Trails trails;
    private final TrailSnapshots snapshots;

    @Inject
    RecreateTrailAction(Trails trails, TrailSnapshots snapshots) {
        this.trails = trails;
        this.snapshots = snapshots;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String arn = TrailEvents.arn(event);
        String named = TrailEvents.named(event);
        Optional<TrailConfig> now = trails.read(named);
        if (now.isPresent()) {
            return new ActionPlan(NAME, now.get().arn(), named, new ResourceState(true, true, Map.of("trailExists",
                    "true")), "none: the trail exists");
        }
        Snapshot snapshot = snapshots.latest(arn).orElseThrow(() -> new ActionRefusedException(arn,
                "trail " + arn + " was deleted and Backstop has no snapshot of its configuration to recreate it"
                        + " from; recreate it by hand"));
        // The trail is gone, but the slot it leaves is what this action fixes: "exists" here
        // means there is something to recreate, so the decision is not RESOURCE_GONE.
        return new ActionPlan(NAME, arn, snapshot.config().name(), new ResourceState(true, false, DELETED),
                "CreateTrail " + arn + " from the snapshot taken at " + snapshot.takenAt() + " from "
                        + snapshot.source() + ", its event selectors, and StartLogging",
                new RecreateTrailUndo(arn));
    }

    @Override
    public void apply(ActionPlan plan) {
        trails.recreate(snapshot(plan.resource()).config());
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        Optional<TrailConfig> now = trails.read(plan.resource());
        if (now.isEmpty()) {
            return new ResourceState(true, false, DELETED);
        }
        boolean logging = trails.isLogging(now.get());
        boolean whole = now.get().weakenedFrom(snapshot(plan.resource()).config()).isEmpty();
        return new ResourceState(true, logging && whole, Map.of("trailExists", "true",
                "isLogging", Boolean.toString(logging), "asSnapshotted", Boolean.toString(whole)));
    }

    /** The snapshot's tags: a deleted trail has none to read, and these are the ones it had. */
    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return snapshots.latest(plan.resource()).map(snapshot -> snapshot.config().tags())
                .orElseGet(() -> trails.read(plan.resource()).map(TrailConfig::tags).orElse(Map.of()));
    }

    /** It keeps the account's eyes or doors: an open breaker does not stop it. */
    @Override
    public boolean restoresEyesOrDoors() {
        return true;
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RecreateTrailUndo readUndo(JsonNode stored) {
        return RecreateTrailUndo.FORMAT.read(stored);
    }

    /** Deletes the recreated trail again and retires its snapshot: only ever on an operator's explicit request. */
    @Override
    public ResourceState undo(JsonNode stored) {
        String arn = readUndo(stored).trail();
        trails.read(arn).ifPresent(trails::delete);
        snapshots.retire(arn);
        return trails.read(arn).isPresent() ? new ResourceState(true, false, Map.of("trailExists", "true"))
                : new ResourceState(true, false, DELETED);
    }

    private Snapshot snapshot(String arn) {
        return snapshots.latest(arn).orElseThrow(() -> new IllegalStateException(
                "the snapshot of " + arn + " disappeared between plan and apply"));
    }
}
