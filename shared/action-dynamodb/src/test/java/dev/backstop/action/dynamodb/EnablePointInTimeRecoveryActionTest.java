package dev.backstop.action.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.UndoFormat;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.SampleEvents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsStatus;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse;

/**
 * Point-in-time recovery of Backstop's audit table, turned off, is turned on again, read back and
 * undoable; any other table is none of its business. The emulators show the same calls (SelfWatchIT).
 */
class EnablePointInTimeRecoveryActionTest {

    private static final String AUDIT = "backstop-AuditTable-1QX7Z0J4H2K8M";
    private static final ActionSpec SPEC = new ActionSpec(EnablePointInTimeRecoveryAction.NAME, Map.of());
    private static final Optional<OwnResources> OWN = Optional.of(
            new OwnResources(List.of("arn:aws:dynamodb:us-east-1:123456789012:table/" + AUDIT)));

    /** Tables by name, whether point-in-time recovery is on. */
    private static final class FakeBackups implements DynamoDbClient {

        final Map<String, Boolean> recovery = new HashMap<>();

        @Override
        public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request) {
            Boolean on = recovery.get(request.tableName());
            if (on == null) {
                throw TableNotFoundException.builder().message("Table not found: " + request.tableName()).build();
            }
            return DescribeContinuousBackupsResponse.builder().continuousBackupsDescription(description -> description
                    .continuousBackupsStatus(ContinuousBackupsStatus.ENABLED)
                    .pointInTimeRecoveryDescription(pitr -> pitr.pointInTimeRecoveryStatus(
                            on ? PointInTimeRecoveryStatus.ENABLED : PointInTimeRecoveryStatus.DISABLED))).build();
        }

        @Override
        public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
            recovery.put(request.tableName(), request.pointInTimeRecoverySpecification().pointInTimeRecoveryEnabled());
            return UpdateContinuousBackupsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private final FakeBackups dynamoDb = new FakeBackups();
    private final EnablePointInTimeRecoveryAction action = new EnablePointInTimeRecoveryAction(dynamoDb, OWN);

    private static CloudTrailEvent turnedOff(String table) {
        return new CloudTrailEventParser().parse(SampleEvents.edited(
                "selfwatch/update-continuous-backups-off.json",
                event -> ((ObjectNode) event.path("detail").path("requestParameters")).put("tableName", table)));
    }

    @Test
    void theAuditTablesRecoveryIsTurnedOnAgainReadBackAndUndoTurnsItOff() {
        dynamoDb.recovery.put(AUDIT, false);

        ActionPlan plan = action.plan(turnedOff(AUDIT), SPEC);
        action.apply(plan);

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(dynamoDb.recovery).containsEntry(AUDIT, true);
        assertThat(action.readBack(plan).compliant()).isTrue();
        assertThat(action.readBack(plan).facts()).containsEntry(EnablePointInTimeRecoveryAction.STATUS, "ENABLED");

        action.undo(UndoFormat.write(plan.undo()));

        assertThat(dynamoDb.recovery).containsEntry(AUDIT, false);
    }

    @Test
    void theTableNamedByArnIsTheSameTableAndADeletedOneReadsAsGone() {
        ActionPlan plan = action.plan(turnedOff("arn:aws:dynamodb:us-east-1:123456789012:table/" + AUDIT), SPEC);

        assertThat(plan.address()).isEqualTo(AUDIT);
        assertThat(plan.before().exists()).isFalse();
    }

    @Test
    void anotherTableIsNoMatchAndItsPlanIsRefused() {
        dynamoDb.recovery.put("orders", false);

        assertThat(action.appliesTo(turnedOff(AUDIT), SPEC)).isTrue();
        assertThat(action.appliesTo(turnedOff("orders"), SPEC)).isFalse();
        assertThat(new EnablePointInTimeRecoveryAction(dynamoDb, Optional.empty()).appliesTo(turnedOff(AUDIT), SPEC)).isFalse();
        assertThatThrownBy(() -> action.plan(turnedOff("orders"), SPEC)).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("not one of Backstop's own tables");
        assertThat(dynamoDb.recovery).containsEntry("orders", false);
    }
}
