package dev.backstop.action.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.TrailDestinations;
import dev.backstop.audit.StateHistory;
import dev.backstop.audit.StateHistory.Recorded;
import dev.backstop.catalogue.LogsParametersModule;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code logs.restore-retention}: puts back the retention a trail's CloudWatch Logs log group had
 * before a call cut it: the retention Backstop recorded before the call ({@link RetentionRecorder},
 * read back from CloudWatch Logs), or with no record, or one shorter than the rule's
 * {@code minimumDays}, that minimum. A cut
 * retention lets CloudWatch Logs delete the trail's record of what an intruder did, days later.
 * Only a group a trail delivers to is its business ({@link TrailDestinations}); any other group's
 * retention is the team's.
 *
 * <p>With neither a record nor a minimum there is nothing to restore: the plan says so, and in
 * enforce mode the decision is FAILED with that reason. Undoable: an operator's undo sets the cut
 * retention again, only while the group still has the one Backstop set.
 */
final class RestoreRetentionAction implements RemediationAction {

    static final String NAME = "logs.restore-retention";

    private final LogGroups groups;
    private final StateHistory history;
    private final TrailDestinations trails;
    private final Clock clock;

    @Inject
    RestoreRetentionAction(LogGroups groups, StateHistory history, TrailDestinations trails, Clock clock) {
        this.groups = groups;
        this.history = history;
        this.trails = trails;
        this.clock = clock;
    }

    /** Only a trail's log group: CloudTrail is asked which groups its trails deliver to. */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && event.detail().requestParameters().hasNonNull("logGroupName")
                && trails.read().logsToGroup(event.region(), event.account(), LogGroups.named(event));
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String name = LogGroups.named(event);
        String arn = groups.arn(event.account(), name);
        Optional<Retention> now = groups.retention(name);
        if (now.isEmpty()) {
            return new ActionPlan(NAME, arn, name, ResourceState.gone(), "none: the log group is gone");
        }
        Optional<Recorded> before = history.before(LogGroups.HISTORY, arn, event.detail().eventTime(), event.eventId());
        Optional<Retention> minimum = minimum(spec, arn);
        Retention target;
        String why;
        if (before.isPresent() && minimum.isPresent() && Retention.parse(before.get().value()).compareTo(minimum.get()) < 0) {
            // A record that is itself a cut (two quick calls: the second's "before" is the first) is
            // never a target: an intruder could otherwise make the cut stick.
            target = minimum.get();
            why = "the rule's minimumDays (the retention recorded before the call, " + before.get().value()
                    + ", is shorter)";
        } else if (before.isPresent()) {
            target = Retention.parse(before.get().value());
            why = "the retention recorded at " + before.get().setAt() + " from " + before.get().source();
        } else if (minimum.isPresent()) {
            target = minimum.get();
            why = "the rule's minimumDays (Backstop recorded no retention before the call)";
        } else {
            return new ActionPlan(NAME, arn, name, state(now.get(), null), "nothing to restore on " + arn + ": Backstop"
                    + " recorded no retention before the call and the rule gives no minimumDays");
        }
        RestoreRetentionUndo undo = new RestoreRetentionUndo(name, now.get().toString(), target.toString());
        return new ActionPlan(NAME, arn, name, state(now.get(), target), "retention of " + name + " from " + now.get()
                + " back to " + target + " days: " + why, undo);
    }

    private static Optional<Retention> minimum(ActionSpec spec, String arn) {
        Optional<Long> days = spec.integer(LogsParametersModule.MINIMUM_DAYS);
        if (days.isPresent() && !Retention.ALLOWED.contains(days.get().intValue())) {
            throw new ActionRefusedException(arn, LogsParametersModule.MINIMUM_DAYS + " " + days.get()
                    + " is no retention CloudWatch Logs accepts " + Retention.ALLOWED);
        }
        return days.map(value -> new Retention(value.intValue()));
    }

    @Override
    public void apply(ActionPlan plan) {
        if (plan.undo() == null) {
            throw new IllegalStateException(plan.change());
        }
        RestoreRetentionUndo undo = plan.undo(RestoreRetentionUndo.class);
        groups.setRetention(plan.address(), undo.restoredRetention());
        history.record(LogGroups.HISTORY, plan.resource(), undo.restored(), clock.instant(), "backstop:" + NAME);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        Optional<Retention> now = groups.retention(plan.address());
        Retention restored = plan.undo() == null ? null : plan.undo(RestoreRetentionUndo.class).restoredRetention();
        return now.map(retention -> state(retention, restored)).orElse(ResourceState.gone());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return groups.tags(plan.resource());
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
    public RestoreRetentionUndo readUndo(JsonNode stored) {
        return RestoreRetentionUndo.FORMAT.read(stored);
    }

    /** Sets the cut retention again, only while the group keeps the one Backstop set: only ever on an operator's request. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RestoreRetentionUndo undo = readUndo(stored);
        String name = undo.logGroupName();
        Retention restored = undo.restoredRetention();
        Optional<Retention> now = groups.retention(name);
        if (now.isEmpty()) {
            return ResourceState.gone();
        }
        if (!now.get().equals(restored)) {
            throw new IllegalStateException("the retention of log group " + name + " changed after Backstop restored it"
                    + " (now " + now.get() + " days); nothing was changed");
        }
        groups.setRetention(name, undo.beforeRetention());
        return groups.retention(name).map(retention -> state(retention, restored)).orElse(ResourceState.gone());
    }

    /** Compliant when the group keeps its logs at least as long as the target. */
    private static ResourceState state(Retention now, Retention target) {
        boolean compliant = target != null && now.compareTo(target) >= 0;
        return new ResourceState(true, compliant, Map.of("retentionInDays", now.toString()));
    }
}
