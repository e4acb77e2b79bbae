package dev.backstop.action.logs;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/** The CloudWatch Logs client, in the graphs of the functions that act on log groups. */
@Module
public final class LogsClientModule {

    private LogsClientModule() {
    }

    @Provides
    @Singleton
    static CloudWatchLogsClient logs(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return AwsClientsModule.build(CloudWatchLogsClient.builder(), http, credentials, region);
    }
}
