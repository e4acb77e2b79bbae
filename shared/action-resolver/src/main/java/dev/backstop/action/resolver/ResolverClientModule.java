package dev.backstop.action.resolver;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.JsonApi;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Route 53 Resolver's API, in the graphs of the functions that act on query logging: its JSON 1.1
 * calls signed as the SDK signs them ({@link JsonApi}), the endpoint from
 * {@code AWS_ENDPOINT_URL_ROUTE53RESOLVER} or {@code AWS_ENDPOINT_URL} when set. (The SDK's
 * Route 53 Resolver module is not one this build can get.)
 */
@Module
public final class ResolverClientModule {

    static final JsonApi.Service RESOLVER = new JsonApi.Service("route53resolver", "route53resolver", "Route53Resolver",
            "Route53Resolver");

    private ResolverClientModule() {
    }

    @Provides
    @Singleton
    static ResolverApi resolver(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return new ResolverApi(new JsonApi(http, credentials, region, RESOLVER));
    }
}
