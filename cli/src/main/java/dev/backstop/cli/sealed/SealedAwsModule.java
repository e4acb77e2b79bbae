package dev.backstop.cli.sealed;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import java.util.List;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * What the sealed catalogue builds its SDK clients with: an HTTP client that refuses every
 * request, so the actions can be asked whether they apply to an event but can never reach AWS,
 * whatever a future action's code did; no credentials are looked up and no region is read.
 */
@Module
final class SealedAwsModule {

    /** Thrown by any request a sealed action client tried to send. */
    static final class SealedException extends IllegalStateException {
        SealedException(String what) {
            super("./backstop backtest and plan never call AWS; refused " + what);
        }
    }

    private SealedAwsModule() {
    }

    @Provides
    @Singleton
    static SdkHttpClient sealed() {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                throw new SealedException(request.httpRequest().method() + " " + request.httpRequest().getUri());
            }

            @Override
            public void close() {
            }
        };
    }

    @Provides
    @Singleton
    static AwsCredentialsProvider none() {
        return AnonymousCredentialsProvider.create();
    }

    @Provides
    @Singleton
    static Region region() {
        return Region.US_EAST_1;
    }

    /** The histories some actions keep in the audit table; sealed like every other client. */
    @Provides
    @Singleton
    static DynamoDbClient dynamoDb(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(DynamoDbClient.builder(), http, credentials, region);
    }

    /** The deferred decisions' schedules, which the self-watch puts back; sealed like every other client. */
    @Provides
    @Singleton
    static SchedulerClient scheduler(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(SchedulerClient.builder(), http, credentials, region);
    }

    /**
     * Names that actions are built with (nothing is ever written to them), and the deployment's
     * trusted set, by which the actions judge whether a share or grant reaches outside.
     */
    @Provides
    @Singleton
    static Settings settings(TrustedSet trusted) {
        return new Settings("sealed-writes-no-table", "arn:aws:sns:us-east-1:000000000000:sealed-sends-nothing",
                Mode.DRY_RUN, List.of()).withTrusted(trusted);
    }
}
