package dev.backstop.cli.audit;

import dagger.Component;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.aws.S3ObjectReader;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The SDK clients the audit commands need, built as the handlers build theirs. */
@Singleton
@Component(modules = AwsClientsModule.class)
interface AuditClients {

    DynamoDbClient dynamoDb();

    /** Reads the chain-head anchor (audit verify --anchor). */
    S3ObjectReader s3Objects();

    static AuditClients create() {
        return DaggerAuditClients.create();
    }
}
