package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.TrailDestinations;
import dev.backstop.audit.StateHistory;
import dev.backstop.audit.StateHistory.Recorded;
import dev.backstop.catalogue.S3ParametersModule;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * {@code s3.restore-lifecycle}: when a trail's log bucket gets lifecycle rules that delete its log
 * files sooner than {@code minimumDays}, puts back the configuration the bucket had before the
 * call, as Backstop recorded it from S3 ({@link LifecycleRecorder}); with no such record, or one
 * that cut the logs short too, it keeps the bucket's rules but those that expire the logs early.
 * Only a bucket a trail delivers to is its business ({@link TrailDestinations}).
 *
 * <p>Done when the read-back finds no rule expiring the logs early. Undoable: an operator's undo
 * puts back the configuration the call set, only while the bucket keeps the one Backstop put.
 */
final class RestoreLifecycleAction implements RemediationAction {

    static final String NAME = "s3.restore-lifecycle";

    private final BucketLifecycles lifecycles;
    private final StateHistory history;
    private final TrailDestinations trails;
    private final Clock clock;

    @Inject
    RestoreLifecycleAction(BucketLifecycles lifecycles, StateHistory history, TrailDestinations trails, Clock clock) {
        this.lifecycles = lifecycles;
        this.history = history;
        this.trails = trails;
        this.clock = clock;
    }

    /** Only a trail's log bucket: CloudTrail is asked which buckets its trails deliver to. */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && event.detail().requestParameters().hasNonNull("bucketName")
                && trails.read().logsToBucket(Buckets.name(event));
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String bucket = Buckets.name(event);
        String arn = Buckets.arn(event, bucket);
        Duration minimum;
        try {
            minimum = Duration.ofDays(S3ParametersModule.lifecycleMinimumDays(spec));
        } catch (IllegalArgumentException e) {
            throw new ActionRefusedException(arn, e.getMessage());
        }
        Optional<LifecycleRules> now = lifecycles.read(bucket);
        if (now.isEmpty()) {
            return new ActionPlan(NAME, arn, bucket, ResourceState.gone(), "none: the bucket is gone");
        }
        List<LifecycleRule> early = now.get().expiringWithin(minimum, clock.instant());
        ResourceState before = state(now.get(), minimum);
        if (early.isEmpty()) {
            return new ActionPlan(NAME, arn, bucket, before, "none: no rule expires the trail's logs within "
                    + minimum.toDays() + " days");
        }
        Optional<Recorded> recorded = history.before(BucketLifecycles.HISTORY, arn, event.detail().eventTime(),
                event.eventId());
        Optional<LifecycleRules> previous = recorded.map(found -> LifecycleRules.parse(found.value(),
                "the lifecycle recorded for " + bucket + " at " + found.setAt()));
        LifecycleRules restored;
        String what;
        if (previous.isPresent() && previous.get().expiringWithin(minimum, clock.instant()).isEmpty()) {
            restored = previous.get();
            what = "the configuration recorded at " + recorded.get().setAt() + " from " + recorded.get().source()
                    + (restored.isEmpty() ? " (no rules: DeleteBucketLifecycle)" : "");
        } else {
            restored = now.get().without(early);
            what = "the bucket's rules without the " + early.size() + " that expire the trail's logs within "
                    + minimum.toDays() + " days (" + (previous.isEmpty() ? "Backstop recorded no configuration before"
                            : "the recorded one expired them early too") + ")";
        }
        return new ActionPlan(NAME, arn, bucket, before, "lifecycle of " + bucket + " back to " + what,
                new RestoreLifecycleUndo(bucket, now.get().tree(), restored.tree(), minimum.toDays()));
    }

    @Override
    public void apply(ActionPlan plan) {
        LifecycleRules restored = plan.undo(RestoreLifecycleUndo.class).restoredRules();
        lifecycles.write(plan.address(), restored);
        history.record(BucketLifecycles.HISTORY, plan.resource(), restored.json(), clock.instant(), "backstop:" + NAME);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        Duration minimum = Duration.ofDays(plan.undo(RestoreLifecycleUndo.class).minimumDays());
        return lifecycles.read(plan.address()).map(rules -> state(rules, minimum)).orElse(ResourceState.gone());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return lifecycles.tags(plan.address());
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
    public RestoreLifecycleUndo readUndo(JsonNode stored) {
        return RestoreLifecycleUndo.FORMAT.read(stored);
    }

    /** Puts back what the call set, only while the bucket keeps what Backstop put: only ever on an operator's request. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RestoreLifecycleUndo undo = readUndo(stored);
        String bucket = undo.bucket();
        LifecycleRules restored = undo.restoredRules();
        Optional<LifecycleRules> now = lifecycles.read(bucket);
        if (now.isEmpty()) {
            return ResourceState.gone();
        }
        if (!now.get().equals(restored)) {
            throw new IllegalStateException("the lifecycle of bucket " + bucket + " changed after Backstop restored it;"
                    + " nothing was changed");
        }
        lifecycles.write(bucket, undo.beforeRules());
        Duration minimum = Duration.ofDays(undo.minimumDays());
        return lifecycles.read(bucket).map(rules -> state(rules, minimum)).orElse(ResourceState.gone());
    }

    private ResourceState state(LifecycleRules rules, Duration minimum) {
        List<LifecycleRule> early = rules.expiringWithin(minimum, clock.instant());
        return new ResourceState(true, early.isEmpty(), Map.of("rules", Integer.toString(rules.rules().size()),
                "expiringTrailLogsEarly", early.isEmpty() ? "none"
                        : String.join(",", early.stream().map(rule -> rule.id() == null ? "(no id)" : rule.id()).toList())));
    }
}
