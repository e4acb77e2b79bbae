package dev.backstop.engine;

import dagger.Module;
import dagger.Provides;
import dev.backstop.testing.FakeIam;
import javax.inject.Singleton;
import software.amazon.awssdk.services.iam.IamClient;

/** An empty IAM at the SDK edge, for tests of the engine that call no IAM action. */
@Module
final class NoIamModule {

    private NoIamModule() {
    }

    @Provides
    @Singleton
    static IamClient iam() {
        return new FakeIam();
    }
}
