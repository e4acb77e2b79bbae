package dev.backstop.action.s3;

import dagger.Lazy;
import dev.backstop.action.EventObserver;
import dev.backstop.audit.StateHistory;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.telemetry.Telemetry;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/**
 * Records a bucket's lifecycle configuration, read back from S3, after every call that sets or
 * deletes it, whatever the rules, their mode or the caller: the history {@code s3.restore-lifecycle}
 * restores from. It runs before the rules, so a change that cuts a trail's logs short is recorded
 * too, as the newest; the restore takes the one before it.
 */
final class LifecycleRecorder implements EventObserver {

    static final Set<String> SETTING = Set.of("PutBucketLifecycle", "DeleteBucketLifecycle");

    // Lazy: every event passes the observers; the S3 client is built only when a lifecycle is set.
    private final Lazy<BucketLifecycles> lifecycles;
    private final StateHistory history;
    private final Telemetry telemetry;

    @Inject
    LifecycleRecorder(Lazy<BucketLifecycles> lifecycles, StateHistory history, Telemetry telemetry) {
        this.lifecycles = lifecycles;
        this.history = history;
        this.telemetry = telemetry;
    }

    @Override
    public void observe(CloudTrailEvent event) {
        if (!SETTING.contains(event.detail().eventName()) || !"s3.amazonaws.com".equals(event.detail().eventSource())) {
            return;
        }
        String bucket;
        try {
            bucket = Buckets.name(event);
        } catch (MalformedEventException e) {
            telemetry.log("WARN", "not recorded in the lifecycle history: " + e.getMessage(), telemetry.fields()
                    .put("eventName", event.detail().eventName()).put("eventId", event.eventId()));
            return;
        }
        Optional<LifecycleRules> now = lifecycles.get().read(bucket);
        if (now.isEmpty()) {
            return; // the bucket is gone
        }
        history.record(BucketLifecycles.HISTORY, Buckets.arn(event, bucket), now.get().json(), event.detail().eventTime(),
                event.eventId());
    }
}
