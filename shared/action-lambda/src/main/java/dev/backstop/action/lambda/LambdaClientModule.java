package dev.backstop.action.lambda;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The Lambda client, in the graphs of the functions that move aliases. */
@Module
public final class LambdaClientModule {

    private LambdaClientModule() {
    }

    @Provides
    @Singleton
    static LambdaClient lambda(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(LambdaClient.builder(), http, credentials, region);
    }
}
