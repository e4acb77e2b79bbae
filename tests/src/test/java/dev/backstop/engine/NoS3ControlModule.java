package dev.backstop.engine;

import dagger.Module;
import dagger.Provides;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * The S3 actions take S3 and S3 Control lazily; engine tests never reach them (the S3 action tests
 * fake them at the SDK edge), so asking for either here is a test bug.
 */
@Module
final class NoS3ControlModule {

    private NoS3ControlModule() {
    }

    @Provides
    static S3Client s3() {
        throw new IllegalStateException("engine unit tests call no S3 API");
    }

    @Provides
    static S3ControlClient s3Control() {
        throw new IllegalStateException("engine unit tests call no S3 Control API");
    }
}
