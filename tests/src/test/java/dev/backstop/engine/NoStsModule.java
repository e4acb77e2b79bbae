package dev.backstop.engine;

import dagger.Module;
import dagger.Provides;
import dev.backstop.testing.FakeSts;
import java.time.Instant;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sts.StsClient;

/** STS at the SDK edge, for engine tests; they assume no member role unless they name member accounts. */
@Module
final class NoStsModule {

    private NoStsModule() {
    }

    @Provides
    @Singleton
    static StsClient sts() {
        return new FakeSts(Instant.now());
    }
}
