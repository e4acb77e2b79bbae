package dev.backstop.cli.audit;

import dagger.Component;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one SDK client the audit commands need, built as the handlers build theirs. */
@Singleton
@Component(modules = AwsClientsModule.class)
interface AuditClients {

    DynamoDbClient dynamoDb();

    static AuditClients create() {
        return DaggerAuditClients.create();
    }
}
