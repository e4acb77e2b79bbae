package dev.backstop.cli.demo;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The clients the demo needs beyond Backstop's own, built the same way. */
@Module
public final class DemoClientsModule {

    private DemoClientsModule() {
    }

    @Provides
    @Singleton
    static SqsClient sqs(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(SqsClient.builder(), http, credentials, region);
    }
}
