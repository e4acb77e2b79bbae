package dev.backstop.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Named;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The channels, each bound by its rule-file name, with what they share: the JDK HTTP client
 * behind the {@link EgressGuard}, Secrets Manager (the home account's, with the function's own
 * credentials) and the ticket index in the audit table.
 */
@Module
public abstract class ChannelsModule {

    private ChannelsModule() {
    }

    @Binds
    @IntoMap
    @StringKey("sns")
    abstract Channel sns(SnsChannel channel);

    @Binds
    @IntoMap
    @StringKey("chatbot")
    abstract Channel chatbot(ChatbotChannel channel);

    @Binds
    @IntoMap
    @StringKey("webhook")
    abstract Channel webhook(WebhookChannel channel);

    @Binds
    @IntoMap
    @StringKey("jira")
    abstract Channel jira(JiraChannel channel);

    @Binds
    @IntoMap
    @StringKey("servicenow")
    abstract Channel serviceNow(ServiceNowChannel channel);

    @Binds
    abstract TicketIndex ticketIndex(DynamoTicketIndex index);

    @Provides
    @Singleton
    static HttpJson http(EgressGuard guard, ObjectMapper json) {
        return new HttpJson(HttpJson.defaultClient(), guard, json);
    }

    @Provides
    static EgressGuard egressGuard() {
        return EgressGuard.PUBLIC;
    }

    @Provides
    @Singleton
    static SecretsManagerClient secretsManager(SdkHttpClient http, @Named(AwsClientsModule.HOME) AwsCredentialsProvider credentials,
            Region region) {
        return AwsClientsModule.build(SecretsManagerClient.builder(), http, credentials, region);
    }
}
