package dev.backstop.action.iam;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** The IAM client, in the graph of the function that acts on credentials. */
@Module
public final class IamClientModule {

    private IamClientModule() {
    }

    /**
     * IAM is global. Built with the function's own region, which the SDK's endpoint rules map to
     * the partition's one IAM endpoint (iam.amazonaws.com, signed for us-east-1, in the aws
     * partition), so the same code works in aws-cn and aws-us-gov; AWS_ENDPOINT_URL_IAM or
     * AWS_ENDPOINT_URL still override it.
     */
    @Provides
    @Singleton
    static IamClient iam(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(IamClient.builder(), http, credentials, region);
    }
}
