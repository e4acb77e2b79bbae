package dev.backstop.action.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.CallTargets;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;

/**
 * {@code dynamodb.enable-point-in-time-recovery}: point-in-time recovery of Backstop's audit table
 * was turned off (UpdateContinuousBackups), so a deleted or rewritten audit record could no longer
 * be restored. Turns it back on and reads it back. What the table's continuous backups held before
 * is gone with the call that turned them off: the restore window starts again now. It acts only on
 * Backstop's own tables ({@link OwnResources}); undo turns recovery off again, which erases the
 * continuous backups once more.
 */
final class EnablePointInTimeRecoveryAction implements RemediationAction {

    static final String NAME = "dynamodb.enable-point-in-time-recovery";
    static final String STATUS = "pointInTimeRecovery";

    private final DynamoDbClient dynamoDb;
    private final OwnResources own;

    @Inject
    EnablePointInTimeRecoveryAction(DynamoDbClient dynamoDb, Optional<OwnResources> own) {
        this.dynamoDb = dynamoDb;
        this.own = own.orElse(OwnResources.none());
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && CallTargets.table(event).map(own::includes).orElse(false);
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String table = CallTargets.table(event).orElseThrow(() -> new ActionRefusedException(event.eventId(),
                "the event names no table (requestParameters.tableName)"));
        if (!own.includes(table)) {
            throw new ActionRefusedException(table, "not one of Backstop's own tables");
        }
        String name = table.substring(table.indexOf(":table/") + ":table/".length());
        return new ActionPlan(NAME, table, name, read(name), "UpdateContinuousBackups on " + table
                + ": point-in-time recovery on (the restore window starts again now)", new PointInTimeRecoveryUndo(name));
    }

    @Override
    public void apply(ActionPlan plan) {
        dynamoDb.updateContinuousBackups(request -> request.tableName(plan.address())
                .pointInTimeRecoverySpecification(recovery -> recovery.pointInTimeRecoveryEnabled(true)));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return read(plan.address());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of(); // Backstop's own tables are never exempt by tag
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public PointInTimeRecoveryUndo readUndo(JsonNode stored) {
        return PointInTimeRecoveryUndo.FORMAT.read(stored);
    }

    @Override
    public ResourceState undo(JsonNode stored) {
        String table = readUndo(stored).table();
        dynamoDb.updateContinuousBackups(request -> request.tableName(table)
                .pointInTimeRecoverySpecification(recovery -> recovery.pointInTimeRecoveryEnabled(false)));
        return read(table);
    }

    /** Compliant when point-in-time recovery is on (ENABLED). */
    private ResourceState read(String table) {
        try {
            PointInTimeRecoveryDescription recovery = dynamoDb.describeContinuousBackups(request -> request.tableName(table))
                    .continuousBackupsDescription().pointInTimeRecoveryDescription();
            String status = recovery == null ? "DISABLED" : recovery.pointInTimeRecoveryStatusAsString();
            return new ResourceState(true, PointInTimeRecoveryStatus.ENABLED.toString().equals(status), Map.of(STATUS, status));
        } catch (TableNotFoundException gone) {
            return ResourceState.gone();
        }
    }
}
