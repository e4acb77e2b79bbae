package dev.backstop.bench;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.S3ObjectReader;

/** The benchmarks decide with the shipped pack only: no team file is read from S3. */
@Module
final class NoRuleFileModule {

    private NoRuleFileModule() {
    }

    @Provides
    static S3ObjectReader s3() {
        throw new IllegalStateException("the benchmarks read no rule file from S3");
    }
}
