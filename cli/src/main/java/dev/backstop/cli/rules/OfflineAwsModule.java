package dev.backstop.cli.rules;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SDK clients that can be built but never send: {@code ./backstop plan} builds the catalogue's
 * actions to ask them the engine's own question (does this action apply to this event?), which
 * needs no AWS call, and must make none. No region, credentials or endpoint is read from the
 * environment; a call would fail at once, naming this command.
 */
@Module
final class OfflineAwsModule {

    private OfflineAwsModule() {
    }

    @Provides
    @Singleton
    static SdkHttpClient http() {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                throw new IllegalStateException("./backstop plan makes no AWS call (" + request.httpRequest().host() + ")");
            }

            @Override
            public void close() {
            }
        };
    }

    @Provides
    static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("BACKSTOPPLAN", "never-sent"));
    }

    @Provides
    static Region region() {
        return Region.US_EAST_1;
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDb(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(DynamoDbClient.builder(), http, credentials, region);
    }

    @Provides
    @Singleton
    static SnsClient sns(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(SnsClient.builder(), http, credentials, region);
    }
}
