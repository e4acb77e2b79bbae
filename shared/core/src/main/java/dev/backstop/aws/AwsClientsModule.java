package dev.backstop.aws;

import dagger.Module;
import dagger.Provides;
import javax.inject.Named;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients every handler needs (audit, notification, rule file), one per service for the
 * life of the container, sharing one light HTTP client. A domain's own clients are provided
 * by its actions module, so a function's graph holds only its own services.
 * Region and credentials come from the environment; endpoints only from the SDK's standard
 * {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>} settings.
 *
 * <p>Two credentials providers: the function's own ({@link #HOME}), for the audit table, the topic
 * and STS, and the unqualified one every remediation client is built with, which resolves per
 * request through the {@link CredentialScope} (a member account's role session while the engine
 * decides that account's event, else the function's own). The S3 client takes the scoped one too,
 * since the S3 actions use it; the rule file is read in a {@link CredentialScope#home()} scope.
 */
@Module
public final class AwsClientsModule {

    /** Qualifies the function's own credentials, never switched to a member account. */
    public static final String HOME = "home";

    private AwsClientsModule() {
    }

    @Provides
    @Singleton
    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.create();
    }

    /**
     * Environment first (Lambda without SnapStart, the CLI), then the container endpoint (Lambda
     * with SnapStart, whose snapshot must not freeze keys), then a profile for people at a terminal.
     */
    @Provides
    @Singleton
    @Named(HOME)
    static AwsCredentialsProvider homeCredentials() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(
                        EnvironmentVariableCredentialsProvider.create(),
                        ContainerCredentialsProvider.create(),
                        ProfileCredentialsProvider.create())
                .build();
    }

    /** What remediation clients sign with: the account the engine acts in for the current decision. */
    @Provides
    @Singleton
    static AwsCredentialsProvider credentials(CredentialScope scope, @Named(HOME) AwsCredentialsProvider home) {
        return scope.provider(home);
    }

    @Provides
    @Singleton
    static Region region() {
        return new DefaultAwsRegionProviderChain().getRegion();
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDb(SdkHttpClient http, @Named(HOME) AwsCredentialsProvider credentials, Region region) {
        return build(DynamoDbClient.builder(), http, credentials, region);
    }

    @Provides
    @Singleton
    static SnsClient sns(SdkHttpClient http, @Named(HOME) AwsCredentialsProvider credentials, Region region) {
        return build(SnsClient.builder(), http, credentials, region);
    }

    /**
     * Which stack manages a resource, asked in the account the engine acts in (the scoped
     * credentials): one signed call, not the CloudFormation module.
     */
    @Provides
    @Singleton
    static StackLookup stackLookup(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return new SignedStackLookup(http, credentials, region);
    }

    /** Schedules veto windows and settle times, as the function itself; built on the first deferral. */
    @Provides
    @Singleton
    static SchedulerClient scheduler(SdkHttpClient http, @Named(HOME) AwsCredentialsProvider credentials, Region region) {
        return build(SchedulerClient.builder(), http, credentials, region);
    }

    /** Assumes the member roles, as the function itself; built on the first member account's event. */
    @Provides
    @Singleton
    static StsClient sts(SdkHttpClient http, @Named(HOME) AwsCredentialsProvider credentials, Region region) {
        return build(StsClient.builder(), http, credentials, region);
    }

    /**
     * The rule file's reader: one signed GET, not the S3 client, which only S3's function carries.
     * The rule file is always the home account's, whatever decision is under way.
     */
    @Provides
    @Singleton
    static S3ObjectReader s3Objects(SdkHttpClient http, @Named(HOME) AwsCredentialsProvider credentials, Region region) {
        return new SignedS3ObjectReader(http, credentials, region);
    }

    /**
     * Every client is built the same way; only the service differs. Each retries transient
     * failures as {@link Retries} says and can make {@link OfflineCalls}, which stop before
     * sending (SnapStart priming).
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return builder.httpClient(http).credentialsProvider(credentials).region(region)
                .overrideConfiguration(override -> override.addExecutionInterceptor(OfflineCalls.INTERCEPTOR)
                        .retryStrategy(Retries.strategy()))
                .build();
    }
}
