package dev.backstop.canary;

import javax.inject.Inject;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The canary's one harmless real change, on an empty bucket of its own that nothing else may use:
 * Block Public Access off (DeleteBucketPublicAccessBlock), which the shipped rule
 * {@code s3-public-access-block-off} must turn back on. Calls sign with whatever the credential
 * scope holds: the canary's own role, or its role in the member account.
 */
final class CanaryBucket {

    private static final PublicAccessBlockConfiguration ALL_ON = PublicAccessBlockConfiguration.builder()
            .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true).build();

    private final S3Client s3;

    @Inject
    CanaryBucket(S3Client s3) {
        this.s3 = s3;
    }

    void turnBlockOff(String bucket) {
        s3.deletePublicAccessBlock(request -> request.bucket(bucket));
    }

    /** True when all four settings are on, as Backstop's fix leaves them. */
    boolean blockIsOn(String bucket) {
        try {
            PublicAccessBlockConfiguration block = s3.getPublicAccessBlock(request -> request.bucket(bucket))
                    .publicAccessBlockConfiguration();
            return Boolean.TRUE.equals(block.blockPublicAcls()) && Boolean.TRUE.equals(block.ignorePublicAcls())
                    && Boolean.TRUE.equals(block.blockPublicPolicy()) && Boolean.TRUE.equals(block.restrictPublicBuckets());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false; // NoSuchPublicAccessBlockConfiguration: none at all
            }
            throw e;
        }
    }

    /** Puts the block back where Backstop did not (dry-run or notify mode, or not at all). */
    void turnBlockOn(String bucket) {
        s3.putPublicAccessBlock(request -> request.bucket(bucket).publicAccessBlockConfiguration(ALL_ON));
    }
}
