package dev.backstop.engine;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.S3ObjectReader;

/** Unit tests use the shipped rules only: asking for a rule file's client is a test bug. */
@Module
final class NoRemoteRulesModule {

    private NoRemoteRulesModule() {
    }

    @Provides
    static S3ObjectReader s3() {
        throw new IllegalStateException("unit tests read no rule file from S3");
    }
}
