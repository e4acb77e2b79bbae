package dev.backstop.action.config;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.JsonApi;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * AWS Config's API, in the graphs of the functions that act on configuration recorders: its JSON
 * 1.1 calls signed as the SDK signs them ({@link JsonApi}), the endpoint from
 * {@code AWS_ENDPOINT_URL_CONFIG_SERVICE} or {@code AWS_ENDPOINT_URL} when set. (The SDK's Config
 * module is not one this build can get.)
 */
@Module
public final class ConfigClientModule {

    static final JsonApi.Service CONFIG = new JsonApi.Service("config", "config", "Config Service", "StarlingDoveService");

    private ConfigClientModule() {
    }

    @Provides
    @Singleton
    static ConfigApi config(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return new ConfigApi(new JsonApi(http, credentials, region, CONFIG));
    }
}
