package dev.backstop.cli.selfcheck;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dev.backstop.action.lambda.LambdaClientModule;
import dev.backstop.action.s3.S3ClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The clients selfcheck reads a deployment with, built as the handlers build theirs. */
@Singleton
@Component(modules = {AwsClientsModule.class, LambdaClientModule.class, S3ClientModule.class,
        SelfCheckComponent.ReadClients.class})
interface SelfCheckComponent {

    SelfChecks checks();

    @Component.Factory
    interface Factory {
        SelfCheckComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }

    static SelfCheckComponent create(Settings settings, Clock clock) {
        return DaggerSelfCheckComponent.factory().create(settings, clock);
    }

    /** The services only selfcheck reads. EventBridge signs in the member account while a check acts there. */
    @Module
    final class ReadClients {

        private ReadClients() {
        }

        @Provides
        @Singleton
        static EventBridgeClient eventBridge(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
            return AwsClientsModule.build(EventBridgeClient.builder(), http, credentials, region);
        }

        @Provides
        @Singleton
        static CloudWatchClient cloudWatch(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
            return AwsClientsModule.build(CloudWatchClient.builder(), http, credentials, region);
        }

        @Provides
        static com.fasterxml.jackson.databind.ObjectMapper json() {
            return new com.fasterxml.jackson.databind.ObjectMapper();
        }

        @Provides
        @Singleton
        static SqsClient sqs(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
            return AwsClientsModule.build(SqsClient.builder(), http, credentials, region);
        }
    }
}
