package dev.backstop.action.kms;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** The KMS client, in the graphs that put keys back. */
@Module
public final class KmsClientModule {

    private KmsClientModule() {
    }

    @Provides
    @Singleton
    static KmsClient kms(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(KmsClient.builder(), http, credentials, region);
    }
}
