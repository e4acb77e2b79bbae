package dev.backstop.action.s3;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * The S3 Control client, for the account's Block Public Access, in the graphs of the functions
 * that act on S3. (The S3 client itself is every handler's: rule files live in S3.)
 */
@Module
public final class S3ClientModule {

    private S3ClientModule() {
    }

    @Provides
    @Singleton
    static S3ControlClient s3Control(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(S3ControlClient.builder(), http, credentials, region);
    }
}
