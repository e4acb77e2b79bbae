package dev.backstop.watchdog;

import dagger.Module;
import dagger.Provides;
import dev.backstop.audit.ChainAnchors;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.aws.S3ObjectWriter;
import dev.backstop.aws.SignedS3ObjectWriter;
import dev.backstop.config.Settings;
import javax.inject.Named;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What anchoring the chain heads needs: the table's heads, and a locked write with the function's own credentials. */
@Module
public final class AnchorModule {

    private AnchorModule() {
    }

    @Provides
    @Singleton
    static ChainAnchors chainAnchors(DynamoDbClient dynamoDb, Settings settings) {
        return new ChainAnchors(dynamoDb, settings.auditTable());
    }

    @Provides
    @Singleton
    static S3ObjectWriter lockedWrites(SdkHttpClient http, @Named(AwsClientsModule.HOME) AwsCredentialsProvider credentials,
            Region region) {
        return new SignedS3ObjectWriter(http, credentials, region);
    }
}
