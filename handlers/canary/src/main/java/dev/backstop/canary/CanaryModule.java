package dev.backstop.canary;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Named;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The canary's clients: S3 in the account it acts in (the credential scope), CloudWatch in the home
 * account, where every heartbeat and its alarm live.
 */
@Module
public final class CanaryModule {

    private CanaryModule() {
    }

    @Provides
    @Singleton
    static S3Client s3(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(S3Client.builder(), http, credentials, region);
    }

    @Provides
    @Singleton
    static CloudWatchClient cloudWatch(SdkHttpClient http, @Named(AwsClientsModule.HOME) AwsCredentialsProvider credentials,
            Region region) {
        return AwsClientsModule.build(CloudWatchClient.builder(), http, credentials, region);
    }

    @Provides
    @Singleton
    static ObjectMapper json() {
        return new ObjectMapper();
    }
}
