package dev.backstop.action.events;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The EventBridge client, in the graphs that guard Backstop's own rules. */
@Module
public final class EventsClientModule {

    private EventsClientModule() {
    }

    @Provides
    @Singleton
    static EventBridgeClient eventBridge(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(EventBridgeClient.builder(), http, credentials, region);
    }
}
