package dev.backstop.action.s3;

import dagger.Lazy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/** Where a Block Public Access configuration lives: a bucket (through S3) or the account (S3 Control). */
sealed interface BlockTarget {

    /** How the audit record names an account's configuration, which has no ARN (Security Hub's form). */
    String ACCOUNT_RESOURCE = "AWS::::Account:";

    /**
     * The configuration as read.
     *
     * @param exists false when the bucket is gone
     * @param settings empty when there is no configuration
     */
    record Reading(boolean exists, Optional<BlockSettings> settings) {
    }

    String resource();

    String address();

    /** What reverses turning {@code turnOn} on over {@code previous} (null: none was configured). */
    BlockPublicAccessUndo undo(BlockSettings previous, List<String> turnOn);

    void put(BlockSettings settings);

    void delete();

    /** The configuration; throws S3's error when there is none, or the bucket is gone. */
    BlockSettings get();

    default Reading read() {
        try {
            return new Reading(true, Optional.of(get()));
        } catch (AwsServiceException e) {
            if (Buckets.isError(e, "NoSuchPublicAccessBlockConfiguration")) {
                return new Reading(true, Optional.empty());
            }
            if (Buckets.isError(e, Buckets.NO_SUCH_BUCKET)) {
                return new Reading(false, Optional.empty());
            }
            throw e;
        }
    }

    record Bucket(Buckets buckets, String address, String resource) implements BlockTarget {

        @Override
        public BlockPublicAccessUndo undo(BlockSettings previous, List<String> turnOn) {
            return new BlockPublicAccessUndo(address, resource, null, previous, turnOn);
        }

        @Override
        public BlockSettings get() {
            GetPublicAccessBlockResponse response = buckets.s3().getPublicAccessBlock(request -> request.bucket(address));
            var config = response.publicAccessBlockConfiguration();
            return BlockSettings.of(config.blockPublicAcls(), config.ignorePublicAcls(), config.blockPublicPolicy(),
                    config.restrictPublicBuckets());
        }

        @Override
        public void put(BlockSettings settings) {
            buckets.s3().putPublicAccessBlock(request -> request.bucket(address).publicAccessBlockConfiguration(config -> config
                    .blockPublicAcls(settings.blockPublicAcls()).ignorePublicAcls(settings.ignorePublicAcls())
                    .blockPublicPolicy(settings.blockPublicPolicy()).restrictPublicBuckets(settings.restrictPublicBuckets())));
        }

        @Override
        public void delete() {
            buckets.s3().deletePublicAccessBlock(request -> request.bucket(address));
        }
    }

    record Account(Lazy<S3ControlClient> s3Control, String address) implements BlockTarget {

        @Override
        public String resource() {
            return ACCOUNT_RESOURCE + address;
        }

        @Override
        public BlockPublicAccessUndo undo(BlockSettings previous, List<String> turnOn) {
            return new BlockPublicAccessUndo(null, null, address, previous, turnOn);
        }

        @Override
        public BlockSettings get() {
            var config = s3Control.get().getPublicAccessBlock(request -> request.accountId(address))
                    .publicAccessBlockConfiguration();
            return BlockSettings.of(config.blockPublicAcls(), config.ignorePublicAcls(), config.blockPublicPolicy(),
                    config.restrictPublicBuckets());
        }

        @Override
        public void put(BlockSettings settings) {
            s3Control.get().putPublicAccessBlock(request -> request.accountId(address).publicAccessBlockConfiguration(config -> config
                    .blockPublicAcls(settings.blockPublicAcls()).ignorePublicAcls(settings.ignorePublicAcls())
                    .blockPublicPolicy(settings.blockPublicPolicy()).restrictPublicBuckets(settings.restrictPublicBuckets())));
        }

        @Override
        public void delete() {
            s3Control.get().deletePublicAccessBlock(request -> request.accountId(address));
        }
    }
}
