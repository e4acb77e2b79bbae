package dev.backstop.action.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.action.UndoFormat;
import dev.backstop.testing.UndoGolden;
import org.junit.jupiter.api.Test;

/**
 * The undo data the CloudWatch Logs action stores, against its golden file (it came after
 * version 1). DetectionIT plans, stores and undoes it on LocalStack.
 */
class UndoPayloadsTest {

    @Test
    void restoreRetentionStoresTheCutAndTheRestoredRetentionInVersionTwo() {
        RestoreRetentionUndo undo = new RestoreRetentionUndo("aws-cloudtrail-logs-management", "1", "400");

        UndoGolden.assertStoredAs(RestoreRetentionAction.NAME, RestoreRetentionUndo.FORMAT, undo);
        assertThat(undo.beforeRetention()).isEqualTo(new Retention(1));
        assertThat(undo.restoredRetention()).isEqualTo(new Retention(400));
    }

    @Test
    void aRetentionThatNeverExpiresIsStoredAsNever() {
        RestoreRetentionUndo undo = new RestoreRetentionUndo("trail-logs", "7", Retention.NEVER);

        assertThat(RestoreRetentionUndo.FORMAT.read(UndoFormat.write(undo)).restoredRetention()).isEqualTo(Retention.never());
    }

    @Test
    void undoDataWhoseRetentionIsNeitherDaysNorNeverIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new RestoreRetentionUndo("trail-logs", "a week", "400"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the undo data's before is a week, neither days nor never");
    }
}
