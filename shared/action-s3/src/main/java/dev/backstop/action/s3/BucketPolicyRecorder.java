package dev.backstop.action.s3;

import dagger.Lazy;
import dev.backstop.action.EventObserver;
import dev.backstop.action.s3.Buckets.PolicyRead;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.telemetry.Degradation;
import dev.backstop.telemetry.Telemetry;
import java.time.Clock;
import javax.inject.Inject;

/**
 * Records the policy of a bucket after every successful PutBucketPolicy in the
 * {@link BucketPolicyHistory}, so a later DeleteBucketPolicy can be answered with the policy the
 * bucket had. It runs for every such call whatever the rules, their mode or the caller, because a
 * policy set by a deployment role that the rules leave alone is just the one worth restoring.
 *
 * <p>The policy recorded is the one S3 holds when the event arrives, read back with
 * GetBucketPolicy at the time of the reading, never the {@code requestParameters.bucketPolicy} or
 * the time the event carries: an event says what someone asked for, and a forged one could plant a
 * policy that a later restore would write. A bucket without a policy by then (deleted since, or
 * the bucket gone) is not recorded; the DeleteBucketPolicy that removed it is answered from the
 * history recorded before.
 */
final class BucketPolicyRecorder implements EventObserver {

    static final String EVENT_NAME = "PutBucketPolicy";
    /** How the source of a recorded policy starts: the event after which it was read. */
    static final String READ_AFTER = "read back after ";
    /** Counted for a policy change that could not be recorded (an unreadable event): the history misses it. */
    static final String NOT_RECORDED = Degradation.HISTORY_NOT_RECORDED.metric();

    // Lazy: the S3 client is built for the first PutBucketPolicy, not for every cold start.
    private final Lazy<Buckets> buckets;
    private final BucketPolicyHistory history;
    private final Telemetry telemetry;
    private final Clock clock;

    @Inject
    BucketPolicyRecorder(Lazy<Buckets> buckets, BucketPolicyHistory history, Telemetry telemetry, Clock clock) {
        this.buckets = buckets;
        this.history = history;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    @Override
    public void observe(CloudTrailEvent event) {
        if (!EVENT_NAME.equals(event.detail().eventName()) || !"s3.amazonaws.com".equals(event.detail().eventSource())) {
            return;
        }
        String bucket;
        try {
            bucket = Buckets.name(event);
        } catch (MalformedEventException e) {
            telemetry.count(NOT_RECORDED, "PutBucketPolicy " + event.eventId() + " not recorded in the policy history: "
                    + e.getMessage(), telemetry.fields().put("history", "bucket-policy").put("eventId", event.eventId())
                    .put("reason", e.getMessage()));
            return;
        }
        PolicyRead read = buckets.get().policy(bucket);
        if (read.policy().isEmpty()) {
            return;
        }
        history.record(Buckets.arn(event, bucket), read.policy().get().json(), clock.instant(),
                READ_AFTER + event.eventId());
    }
}
