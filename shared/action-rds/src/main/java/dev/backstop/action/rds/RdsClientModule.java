package dev.backstop.action.rds;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;

/** The RDS client, in the graph of the function that acts on RDS snapshots. */
@Module
public final class RdsClientModule {

    private RdsClientModule() {
    }

    @Provides
    @Singleton
    static RdsClient rds(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(RdsClient.builder(), http, credentials, region);
    }
}
