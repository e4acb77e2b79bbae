package dev.backstop.cli.breaker;

import dagger.Component;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client the breaker commands need, built as the handlers build theirs. */
@Singleton
@Component(modules = AwsClientsModule.class)
interface TableComponent {

    DynamoDbClient dynamoDb();
}
