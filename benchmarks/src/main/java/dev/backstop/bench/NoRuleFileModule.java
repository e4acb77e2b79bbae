package dev.backstop.bench;

import dagger.Module;
import dagger.Provides;
import software.amazon.awssdk.services.s3.S3Client;

/** The benchmarks decide with the shipped pack only: no team file is read from S3. */
@Module
final class NoRuleFileModule {

    private NoRuleFileModule() {
    }

    @Provides
    static S3Client s3() {
        throw new IllegalStateException("the benchmarks read no rule file from S3");
    }
}
