package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.EventObserver;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.telemetry.Degradation;
import dev.backstop.telemetry.Telemetry;
import javax.inject.Inject;

/**
 * Records the policy of every successful PutBucketPolicy in the {@link BucketPolicyHistory}, so a
 * later DeleteBucketPolicy can be answered with the policy the bucket had. It runs for every such
 * call whatever the rules, their mode or the caller, because a policy set by a deployment role
 * that the rules leave alone is just the one worth restoring.
 *
 * <p>The policy is in {@code requestParameters.bucketPolicy}: a JSON object, or in some events a
 * JSON string. An event without a readable policy is logged and skipped: the history has a gap,
 * which the restore reports when it meets it.
 */
final class BucketPolicyRecorder implements EventObserver {

    static final String EVENT_NAME = "PutBucketPolicy";
    /** Counted for a policy change that could not be recorded (an unreadable event): the history misses it. */
    static final String NOT_RECORDED = Degradation.HISTORY_NOT_RECORDED.metric();

    private final BucketPolicyHistory history;
    private final Telemetry telemetry;

    @Inject
    BucketPolicyRecorder(BucketPolicyHistory history, Telemetry telemetry) {
        this.history = history;
        this.telemetry = telemetry;
    }

    @Override
    public void observe(CloudTrailEvent event) {
        if (!EVENT_NAME.equals(event.detail().eventName()) || !"s3.amazonaws.com".equals(event.detail().eventSource())) {
            return;
        }
        BucketPolicy policy;
        String bucket;
        try {
            bucket = Buckets.name(event);
            JsonNode sent = event.detail().requestParameters().path("bucketPolicy");
            if (sent.isMissingNode() || sent.isNull()) {
                throw new IllegalArgumentException("the event carries no requestParameters.bucketPolicy");
            }
            policy = BucketPolicy.of(sent);
        } catch (IllegalArgumentException | MalformedEventException e) {
            telemetry.count(NOT_RECORDED, "PutBucketPolicy " + event.eventId() + " not recorded in the policy history: "
                    + e.getMessage(), telemetry.fields().put("history", "bucket-policy").put("eventId", event.eventId())
                    .put("reason", e.getMessage()));
            return;
        }
        history.record(Buckets.arn(event, bucket), policy.json(), event.detail().eventTime(), event.eventId());
    }
}
