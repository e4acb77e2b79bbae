package dev.backstop.action.cloudtrail;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** The CloudTrail client, in the graphs of the functions that act on trails. */
@Module
public final class CloudTrailClientModule {

    private CloudTrailClientModule() {
    }

    @Provides
    @Singleton
    static CloudTrailClient cloudTrail(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(CloudTrailClient.builder(), http, credentials, region);
    }
}
