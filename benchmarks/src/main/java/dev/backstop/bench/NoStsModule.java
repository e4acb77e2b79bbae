package dev.backstop.bench;

import dagger.Module;
import dagger.Provides;
import software.amazon.awssdk.services.sts.StsClient;

/** The benchmarks decide events of one account: no member role is assumed. */
@Module
final class NoStsModule {

    private NoStsModule() {
    }

    @Provides
    static StsClient sts() {
        throw new IllegalStateException("the benchmarks assume no member role");
    }
}
