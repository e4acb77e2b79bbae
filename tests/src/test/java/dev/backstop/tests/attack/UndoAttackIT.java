package dev.backstop.tests.attack;

import static dev.backstop.tests.attack.Forgery.deliver;
import static dev.backstop.tests.attack.Forgery.enforce;
import static dev.backstop.tests.attack.Forgery.event;
import static dev.backstop.tests.attack.Forgery.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.audit.AuditTable;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.tests.CommandRun;
import dev.backstop.tests.Emulators;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attacks on {@code ./backstop undo}, whose audit record says which calls to make: a record whose
 * undo data was edited in the table to stop another trail is refused before anything runs, and an
 * undo the operator has not confirmed changes nothing, after printing the exact calls it would make.
 */
class UndoAttackIT {

    private static DemoWorld world;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
    }

    @Test
    void aRecordWhoseUndoDataWasEditedToStopAnotherTrailIsRefusedAndNoTrailStops() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-undo"));
        Stage bystander = world.withTrail(stage, stage.trailName() + "-bystander");
        String auditId = remediatedStop(stage);
        // Whoever can write the table points the record's undo at the bystander's trail.
        DynamoDbClient dynamoDb = AwsClientsModule.build(DynamoDbClient.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), new DefaultAwsRegionProviderChain().getRegion());
        String actions = world.auditItem(stage, auditId).orElseThrow().get("actions").s();
        dynamoDb.updateItem(request -> request.tableName(stage.auditTable())
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(auditId)))
                .updateExpression("SET actions = :actions")
                .expressionAttributeValues(Map.of(":actions", AttributeValue.fromS(
                        actions.replace(stage.trailArn(), bystander.trailArn())))));

        CommandRun undo = CommandRun.of("undo", auditId, "--yes", "--table", stage.auditTable(), "--topic",
                stage.topicArn());

        assertThat(undo.exitCode()).isEqualTo(1);
        assertThat(undo.err()).contains(auditId + " fails verification, so its undo data cannot be trusted",
                "nothing was changed");
        assertThat(world.isLogging(bystander)).isTrue();
        assertThat(world.isLogging(stage)).isTrue();
        assertThat(world.auditItem(stage, "undo#" + auditId)).isEmpty();
    }

    @Test
    void anUndoPrintsTheExactCallsAndChangesNothingUntilTheOperatorTypesYes() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-confirm"));
        String auditId = remediatedStop(stage);
        String[] undo = {"undo", auditId, "--table", stage.auditTable(), "--topic", stage.topicArn()};

        CommandRun declined = CommandRun.typing("no\n", undo);

        assertThat(declined.exitCode()).as(declined.err()).isZero();
        assertThat(declined.out()).contains("the record verifies against its chain",
                "cloudtrail.start-logging on " + stage.trailArn(), "cloudtrail:StopLogging name=" + stage.trailArn(),
                "Not confirmed: nothing was changed");
        assertThat(world.isLogging(stage)).isTrue();

        CommandRun confirmed = CommandRun.typing("yes\n", undo);

        assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).contains("UNDONE cloudtrail.start-logging on " + stage.trailArn());
        assertThat(world.isLogging(stage)).isFalse();
    }

    /** A trail stopped and turned back on by Backstop: the decision's audit id. */
    private static String remediatedStop(Stage stage) {
        world.stopLogging(stage);
        String decision = deliver(enforce(stage), event("cloudtrail/stop-logging.json", stage, Map.of(),
                e -> request(e).put("name", stage.trailArn()))).path("auditId").asText();
        assertThat(world.isLogging(stage)).isTrue();
        return decision;
    }
}
