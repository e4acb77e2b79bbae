package dev.backstop.action.s3;

import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** A bucket's lifecycle configuration, read and written as {@link LifecycleRules}. */
final class BucketLifecycles {

    static final String HISTORY = "bucket-lifecycle";

    private final Buckets buckets;

    @Inject
    BucketLifecycles(Buckets buckets) {
        this.buckets = buckets;
    }

    /** The bucket's rules (none when it has no configuration); empty when the bucket is gone. */
    Optional<LifecycleRules> read(String bucket) {
        try {
            return Optional.of(new LifecycleRules(buckets.s3().getBucketLifecycleConfiguration(request -> request
                    .bucket(bucket)).rules()));
        } catch (AwsServiceException e) {
            if (Buckets.isError(e, "NoSuchLifecycleConfiguration")) {
                return Optional.of(LifecycleRules.none());
            }
            if (Buckets.isError(e, Buckets.NO_SUCH_BUCKET)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    Map<String, String> tags(String bucket) {
        return buckets.tags(bucket);
    }

    void write(String bucket, LifecycleRules rules) {
        if (rules.isEmpty()) {
            buckets.s3().deleteBucketLifecycle(request -> request.bucket(bucket));
        } else {
            buckets.s3().putBucketLifecycleConfiguration(request -> request.bucket(bucket)
                    .lifecycleConfiguration(configuration -> configuration.rules(rules.rules())));
        }
    }
}
