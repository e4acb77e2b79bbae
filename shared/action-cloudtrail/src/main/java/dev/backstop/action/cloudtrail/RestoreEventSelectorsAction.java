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
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Puts back a trail's event selectors, as its last snapshot has them, when they log fewer
 * management events than the snapshot's (management events dropped, narrowed to read-only or
 * write-only, or a source newly excluded), basic or advanced (both are set by PutEventSelectors).
 * The snapshot's selectors are put back whole, data events included.
 *
 * <p>Without a snapshot there is no telling which selectors the trail had: a trail that logs
 * fewer than all management events is refused (FAILED and notified, saying so).
 *
 * <p>Undoable: undo puts back the selectors read before the fix, and snapshots the result, since
 * an operator's undo says that configuration is meant.
 */
final class RestoreEventSelectorsAction implements RemediationAction {

    static final String NAME = "cloudtrail.restore-event-selectors";

    private final Trails trails;
    private final TrailSnapshots snapshots;
    private final Clock clock;

    @Inject
    RestoreEventSelectorsAction(Trails trails, TrailSnapshots snapshots, Clock clock) {
        this.trails = trails;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String named = TrailEvents.named(event);
        Optional<TrailConfig> read = trails.read(named);
        if (read.isEmpty()) {
            return new ActionPlan(NAME, TrailEvents.arn(event), named, ResourceState.gone(), "none: no such trail");
        }
        TrailConfig now = read.get();
        Optional<Snapshot> snapshot = snapshots.latest(now.arn());
        if (snapshot.isEmpty()) {
            ManagementCoverage coverage = now.selectors().management();
            if (coverage.narrowerThan(ManagementCoverage.ALL)) {
                throw new ActionRefusedException(now.arn(), "trail " + now.arn() + " logs management events: "
                        + coverage.describe() + ", and Backstop has no snapshot of the selectors it had before;"
                        + " put them back by hand");
            }
            return new ActionPlan(NAME, now.arn(), trails.address(now), state(now, ManagementCoverage.ALL),
                    "none: all management events are logged");
        }
        EventSelectors wanted = snapshot.get().config().selectors();
        ResourceState before = state(now, wanted.management());
        if (before.compliant()) {
            return new ActionPlan(NAME, now.arn(), trails.address(now), before,
                    "none: management events are logged as in the snapshot");
        }
        return new ActionPlan(NAME, now.arn(), trails.address(now), before, "Put"
                + (wanted.advanced().isEmpty() ? "" : "Advanced") + "EventSelectors on " + now.arn()
                + " from the snapshot taken at " + snapshot.get().takenAt() + " from " + snapshot.get().source()
                + " (management events: " + wanted.management().describe() + ")",
                new RestoreEventSelectorsUndo(now.arn(), now.selectors(), wanted));
    }

    @Override
    public void apply(ActionPlan plan) {
        trails.putSelectors(plan.address(), plan.undo(RestoreEventSelectorsUndo.class).restored());
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        ManagementCoverage wanted = plan.undo(RestoreEventSelectorsUndo.class).restored().management();
        return trails.read(plan.resource()).map(now -> state(now, wanted)).orElseGet(ResourceState::gone);
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return trails.tags(plan.resource());
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
    public RestoreEventSelectorsUndo readUndo(JsonNode stored) {
        return RestoreEventSelectorsUndo.FORMAT.read(stored);
    }

    /** Puts back the selectors from before the fix, and snapshots that: only ever on an operator's request. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RestoreEventSelectorsUndo undo = readUndo(stored);
        String arn = undo.trail();
        TrailConfig trail = trails.read(arn).orElseThrow(() -> new IllegalStateException("trail " + arn
                + " no longer exists"));
        trails.putSelectors(trails.address(trail), undo.selectors());
        TrailConfig after = trails.read(arn).orElseThrow(() -> new IllegalStateException("trail " + arn
                + " was deleted during the undo"));
        snapshots.record(after, clock.instant(), "backstop:undo:" + NAME);
        return state(after, ManagementCoverage.ALL);
    }

    /** Compliant when the trail logs at least the management events {@code wanted} logs. */
    private static ResourceState state(TrailConfig trail, ManagementCoverage wanted) {
        ManagementCoverage coverage = trail.selectors().management();
        return new ResourceState(true, !coverage.narrowerThan(wanted), Map.of("managementEvents", coverage.describe(),
                "selectors", write(trail.selectors())));
    }

    private static String write(EventSelectors selectors) {
        return SnapshotJson.write(selectors);
    }
}
