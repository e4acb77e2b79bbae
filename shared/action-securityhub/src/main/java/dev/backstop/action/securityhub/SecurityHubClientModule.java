package dev.backstop.action.securityhub;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.JsonApi;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Security Hub's API, in the graphs of the functions that enable standards or resolve findings:
 * its REST-JSON calls signed as the SDK signs them ({@link JsonApi}), the endpoint from
 * {@code AWS_ENDPOINT_URL_SECURITYHUB} or {@code AWS_ENDPOINT_URL} when set. (The SDK's Security
 * Hub module is not one this build can get.)
 */
@Module
public final class SecurityHubClientModule {

    static final JsonApi.Service SECURITY_HUB = new JsonApi.Service("securityhub", "securityhub", "SecurityHub", null);

    private SecurityHubClientModule() {
    }

    @Provides
    @Singleton
    static SecurityHubApi securityHub(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return new SecurityHubApi(new JsonApi(http, credentials, region, SECURITY_HUB));
    }
}
