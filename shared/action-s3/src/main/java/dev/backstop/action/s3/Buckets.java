package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dagger.Lazy;
import dev.backstop.aws.Partitions;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

/** What the S3 actions share: the bucket an event names, its ARN, policy and tags, and S3's error codes. */
final class Buckets {

    static final String NO_SUCH_BUCKET = "NoSuchBucket";

    private final Lazy<S3Client> s3;

    /**
     * Lazily: every PutBucketPolicy with an Allow makes s3.remove-outside-policy-statements judge the
     * event, which needs no client when the policy lets no outsider in.
     */
    @Inject
    Buckets(Lazy<S3Client> s3) {
        this.s3 = s3;
    }

    Buckets(S3Client s3) {
        this(() -> s3);
    }

    S3Client s3() {
        return s3.get();
    }

    /**
     * What a bucket's policy is now.
     *
     * @param bucketExists false when the bucket itself is gone
     * @param policy empty when the bucket has no policy
     */
    record PolicyRead(boolean bucketExists, Optional<BucketPolicy> policy) {

        static PolicyRead gone() {
            return new PolicyRead(false, Optional.empty());
        }
    }

    PolicyRead policy(String bucket) {
        try {
            String text = s3().getBucketPolicy(request -> request.bucket(bucket)).policy();
            return new PolicyRead(true, Optional.of(BucketPolicy.parse(text)));
        } catch (AwsServiceException e) {
            if (isError(e, "NoSuchBucketPolicy")) {
                return new PolicyRead(true, Optional.empty());
            }
            if (isError(e, NO_SUCH_BUCKET)) {
                return PolicyRead.gone();
            }
            throw e;
        }
    }

    /** The bucket's tags; a bucket without tags answers NoSuchTagSet, which reads as none. */
    Map<String, String> tags(String bucket) {
        try {
            return s3().getBucketTagging(request -> request.bucket(bucket)).tagSet().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> first));
        } catch (AwsServiceException e) {
            if (isError(e, "NoSuchTagSet")) {
                return Map.of();
            }
            throw e;
        }
    }

    /** {@code requestParameters.bucketName}: a string, or a one-element list in some older events. */
    static String name(CloudTrailEvent event) {
        JsonNode named = event.detail().requestParameters().path("bucketName");
        if (named.isArray() && named.size() > 0) {
            named = named.get(0);
        }
        String bucket = named.isValueNode() ? named.asText("").trim() : "";
        if (bucket.isEmpty()) {
            throw new MalformedEventException("detail.requestParameters.bucketName", "is missing; the bucket is unknown");
        }
        return bucket;
    }

    /** A bucket's ARN names no region or account, only the partition, which the event's region tells. */
    static String arn(CloudTrailEvent event, String bucket) {
        return "arn:" + Partitions.of(event.region()) + ":s3:::" + bucket;
    }

    /** True when S3 answered with one of these error codes (S3 models few of them as exception types). */
    static boolean isError(AwsServiceException error, String... codes) {
        String code = error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode();
        return code != null && Arrays.asList(codes).contains(code);
    }
}
