package dev.backstop.action.guardduty;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.JsonApi;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * GuardDuty's API, in the graphs of the functions that act on detectors: its REST-JSON calls
 * signed as the SDK signs them ({@link JsonApi}), the endpoint from {@code AWS_ENDPOINT_URL_GUARDDUTY}
 * or {@code AWS_ENDPOINT_URL} when set. (The SDK's GuardDuty module is not one this build can get.)
 */
@Module
public final class GuardDutyClientModule {

    static final JsonApi.Service GUARDDUTY = new JsonApi.Service("guardduty", "guardduty", "GuardDuty", null);

    private GuardDutyClientModule() {
    }

    @Provides
    @Singleton
    static GuardDutyApi guardDuty(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return new GuardDutyApi(new JsonApi(http, credentials, region, GUARDDUTY));
    }
}
