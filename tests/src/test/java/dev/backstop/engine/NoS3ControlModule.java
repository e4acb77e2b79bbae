package dev.backstop.engine;

import dagger.Module;
import dagger.Provides;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * The S3 actions take S3 Control lazily; engine tests never reach it (the S3 action tests fake it
 * at the SDK edge), so asking for it here is a test bug. S3 itself is a fake the test gives, as the
 * bucket policy recorder reads policies back.
 */
@Module
final class NoS3ControlModule {

    private NoS3ControlModule() {
    }

    @Provides
    static S3ControlClient s3Control() {
        throw new IllegalStateException("engine unit tests call no S3 Control API");
    }
}
