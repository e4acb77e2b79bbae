package dev.backstop.action;

import dev.backstop.event.CloudTrailEvent;

/**
 * Something Backstop keeps track of for itself, whatever the rules say: it sees every API call
 * that succeeded, Backstop's own and protected principals' included, in every mode, before the
 * rules are matched. It may write Backstop's own records (such as the bucket policy history the
 * S3 actions restore from) but never changes the account.
 *
 * <p>Observers are bound into a set by the action families that need them:
 *
 * <pre>{@code
 * @Binds @IntoSet abstract EventObserver bucketPolicies(BucketPolicyRecorder recorder);
 * }</pre>
 *
 * <p>A transient AWS failure propagates, so the event is retried; any other failure is logged and
 * the decision goes on, since a gap in Backstop's records must not block a remediation.
 */
public interface EventObserver {

    void observe(CloudTrailEvent event);
}
