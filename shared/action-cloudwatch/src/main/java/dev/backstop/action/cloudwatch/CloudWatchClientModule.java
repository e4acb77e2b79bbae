package dev.backstop.action.cloudwatch;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The CloudWatch client, built only when an action that calls CloudWatch runs. */
@Module
public final class CloudWatchClientModule {

    private CloudWatchClientModule() {
    }

    @Provides
    @Singleton
    static CloudWatchClient cloudWatch(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(CloudWatchClient.builder(), http, credentials, region);
    }
}
