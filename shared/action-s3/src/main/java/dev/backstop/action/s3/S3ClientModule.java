package dev.backstop.action.s3;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * The S3 client, for buckets, and the S3 Control client, for the account's Block Public Access, in
 * the graphs of the functions that act on S3 only. (Rule files are read without the S3 client:
 * {@link dev.backstop.aws.S3ObjectReader}.)
 */
@Module
public final class S3ClientModule {

    private S3ClientModule() {
    }

    @Provides
    @Singleton
    static S3Client s3(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(S3Client.builder(), http, credentials, region);
    }

    @Provides
    @Singleton
    static S3ControlClient s3Control(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(S3ControlClient.builder(), http, credentials, region);
    }
}
