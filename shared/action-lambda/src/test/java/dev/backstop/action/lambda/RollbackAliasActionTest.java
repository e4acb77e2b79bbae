package dev.backstop.action.lambda;

import static dev.backstop.testing.TestAlarms.lambdaAlarm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.ResourceState;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmEvent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeLambda;
import dev.backstop.testing.MutableClock;
import dev.backstop.testing.TestAlarms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;

class RollbackAliasActionTest {

    private static final String FUNCTION = "checkout-api";
    private static final String ALIAS_ARN = FakeLambda.arn(FUNCTION) + ":live";
    private static final ActionSpec SPEC = new ActionSpec(RollbackAliasAction.NAME, Map.of());
    private static final AlarmEvent ON_FUNCTION = lambdaAlarm(Map.of("FunctionName", FUNCTION));

    private final FakeLambda lambda = new FakeLambda();
    private final FakeHistoryTable table = new FakeHistoryTable();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:31:05Z"));
    private final AliasHistory history = new AliasHistory(table,
            new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of()));
    private final RollbackAliasAction action = new RollbackAliasAction(new Aliases(lambda), history, Region.US_EAST_1,
            clock);

    private void moved(String version, String at) {
        history.recordMove(ALIAS_ARN, version, Instant.parse(at), "event-" + version);
    }

    @Test
    void rollsBackToTheVersionTheAliasPointedToBeforeItsRecordedMove() {
        lambda.function(FUNCTION, "5", "6", "7").alias(FUNCTION, "live", "7");
        moved("5", "2026-11-19T09:00:00Z");
        moved("7", "2026-11-20T10:17:11Z");

        ActionPlan plan = action.plan(ON_FUNCTION, SPEC);

        assertThat(plan.resource()).isEqualTo(ALIAS_ARN);
        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.before().facts()).containsEntry("functionVersion", "7");
        assertThat(plan.change()).isEqualTo("UpdateAlias " + ALIAS_ARN + " from version 7 to 5: the version it pointed"
                + " to before its move at 2026-11-20T10:17:11Z (event-7)");
        assertThat(plan.undo(RollbackAliasUndo.class).version()).isEqualTo("7");
        assertThat(plan.undo(RollbackAliasUndo.class).rolledBackTo()).isEqualTo("5");
    }

    @Test
    void withoutAHistoryFallsBackToTheHighestPublishedVersionBelowTheCurrentOne() {
        lambda.function(FUNCTION, "1", "2", "4", "5").alias(FUNCTION, "live", "4");

        ActionPlan plan = action.plan(ON_FUNCTION, SPEC);

        assertThat(plan.undo(RollbackAliasUndo.class).rolledBackTo()).isEqualTo("2");
        assertThat(plan.change()).endsWith("the highest published version below 4 (Backstop recorded no move of the"
                + " alias to version 4)");
    }

    @Test
    void aHistoryThatMissedTheLatestMoveIsNotTrusted() {
        lambda.function(FUNCTION, "5", "6", "7").alias(FUNCTION, "live", "7");
        moved("5", "2026-11-19T09:00:00Z");
        moved("6", "2026-11-20T09:00:00Z");

        assertThat(action.plan(ON_FUNCTION, SPEC).undo(RollbackAliasUndo.class).rolledBackTo()).isEqualTo("6");
    }

    @Test
    void aRecordedPreviousVersionThatIsNoLongerPublishedFallsBackToThePublishedOnes() {
        lambda.function(FUNCTION, "6", "7").alias(FUNCTION, "live", "7");
        moved("5", "2026-11-19T09:00:00Z");
        moved("7", "2026-11-20T10:17:11Z");

        ActionPlan plan = action.plan(ON_FUNCTION, SPEC);

        assertThat(plan.undo(RollbackAliasUndo.class).rolledBackTo()).isEqualTo("6");
        assertThat(plan.change()).contains("the version before it, 5, is not a published version");
    }

    @Test
    void refusesWhenThereIsNoEarlierVersion() {
        lambda.function(FUNCTION, "1").alias(FUNCTION, "live", "1");

        assertThatThrownBy(() -> action.plan(ON_FUNCTION, SPEC))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessage("no version to roll back to: Backstop recorded no move of the alias to version 1, and"
                        + " checkout-api has no published version below 1")
                .extracting(e -> ((ActionRefusedException) e).resource()).isEqualTo(ALIAS_ARN);
    }

    @Test
    void refusesAnAliasOnLatest() {
        lambda.function(FUNCTION, "1").alias(FUNCTION, "live", "$LATEST");

        assertThatThrownBy(() -> action.plan(ON_FUNCTION, SPEC)).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("points at $LATEST");
    }

    @Test
    void aCanaryIsRolledBackByRemovingItsWeights() {
        lambda.function(FUNCTION, "6", "7").alias(FUNCTION, "live", "6", Map.of("7", 0.1));

        ActionPlan plan = action.plan(ON_FUNCTION, SPEC);
        action.apply(plan);

        assertThat(plan.change()).endsWith("remove the weighted routing {\"7\":0.1}, so all traffic goes to version 6");
        assertThat(lambda.versionOf(FUNCTION, "live")).isEqualTo("6");
        assertThat(action.readBack(plan).compliant()).isTrue();
        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(lambda.versionOf(FUNCTION, "live")).isEqualTo("6 {7=0.1}");
    }

    @Test
    void appliesVerifiesAndUndoesTheRollback() {
        lambda.function(FUNCTION, "6", "7").alias(FUNCTION, "live", "7");
        ActionPlan plan = action.plan(ON_FUNCTION, SPEC);

        action.apply(plan);
        ResourceState after = action.readBack(plan);

        assertThat(lambda.versionOf(FUNCTION, "live")).isEqualTo("6");
        assertThat(after.compliant()).isTrue();
        assertThat(after.facts()).containsEntry("functionVersion", "6");

        ResourceState undone = action.undo(UndoFormat.write(plan.undo()));

        assertThat(lambda.versionOf(FUNCTION, "live")).isEqualTo("7");
        assertThat(undone.facts()).isEqualTo(plan.before().facts());
        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).as("a second undo finds it done").isEqualTo(plan.before().facts());
    }

    @Test
    void aSecondAlarmAfterARollbackDoesNotStepFurtherBack() {
        lambda.function(FUNCTION, "5", "6", "7").alias(FUNCTION, "live", "7");
        action.apply(action.plan(ON_FUNCTION, SPEC));
        clock.advance(Duration.ofMinutes(5));

        ActionPlan again = action.plan(ON_FUNCTION, SPEC);

        assertThat(again.changeNeeded()).isFalse();
        assertThat(again.before().compliant()).isTrue();
        assertThat(again.change()).startsWith("none: Backstop rolled checkout-api:live back to version 6");
    }

    @Test
    void anAlarmAfterAnUndoRollsBackAgain() {
        lambda.function(FUNCTION, "6", "7").alias(FUNCTION, "live", "7");
        ActionPlan first = action.plan(ON_FUNCTION, SPEC);
        action.apply(first);
        clock.advance(Duration.ofMinutes(5));
        action.undo(UndoFormat.write(first.undo()));

        assertThat(action.plan(ON_FUNCTION, SPEC).undo(RollbackAliasUndo.class).rolledBackTo()).isEqualTo("6");
    }

    @Test
    void undoLeavesAnAliasSomeoneMovedSinceAlone() {
        lambda.function(FUNCTION, "6", "7", "8").alias(FUNCTION, "live", "7");
        ActionPlan plan = action.plan(ON_FUNCTION, SPEC);
        action.apply(plan);
        lambda.alias(FUNCTION, "live", "8");

        assertThatThrownBy(() -> action.undo(UndoFormat.write(plan.undo()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("moved after Backstop rolled it back to version 6 (it is at 8 {})");
        assertThat(lambda.versionOf(FUNCTION, "live")).isEqualTo("8");
    }

    @Test
    void undoDataThatNamesNoAliasOrHoldsBadWeightsIsRefusedBeforeAnyCall() {
        lambda.function(FUNCTION, "6", "7").alias(FUNCTION, "live", "7");
        ObjectNode stored = UndoFormat.write(action.plan(ON_FUNCTION, SPEC).undo());
        ObjectNode withoutAlias = stored.deepCopy();
        withoutAlias.remove("alias");
        // Version 1 held the weights as JSON text.
        ObjectNode version1 = JsonNodeFactory.instance.objectNode().put("function", FUNCTION).put("alias", "live")
                .put("version", "7").put("rolledBackTo", "6").put("weights", "[1]");

        assertThatThrownBy(() -> action.undo(withoutAlias)).hasMessage("the undo data names no alias");
        assertThatThrownBy(() -> action.undo(version1)).hasMessageStartingWith("the undo data's additionalVersionWeights");
        assertThat(lambda.calls()).noneMatch(call -> call.startsWith("UpdateAlias"));
    }

    @Test
    void anAliasChangedBetweenPlanAndApplyIsLeftAloneAtTheSdkEdge() {
        lambda.function(FUNCTION, "6", "7", "8").alias(FUNCTION, "live", "7");
        ActionPlan plan = action.plan(ON_FUNCTION, SPEC);
        lambda.alias(FUNCTION, "live", "8");

        assertThatThrownBy(() -> action.apply(plan)).isInstanceOf(PreconditionFailedException.class);
        assertThat(lambda.versionOf(FUNCTION, "live")).isEqualTo("8");
    }

    @Test
    void aMissingFunctionOrAliasIsGone() {
        lambda.function(FUNCTION, "1", "2");

        ActionPlan plan = action.plan(ON_FUNCTION, SPEC);

        assertThat(plan.before().exists()).isFalse();
        assertThat(plan.resource()).isEqualTo(ALIAS_ARN);
        assertThat(action.plan(lambdaAlarm(Map.of("FunctionName", "no-such-function")), SPEC).before().exists()).isFalse();
    }

    @Test
    void undoOfAFunctionDeletedSinceReadsGone() {
        lambda.function(FUNCTION, "6", "7").alias(FUNCTION, "live", "7");
        ActionPlan plan = action.plan(ON_FUNCTION, SPEC);
        action.apply(plan);
        lambda.deleteFunction(FUNCTION);

        assertThat(action.undo(UndoFormat.write(plan.undo())).exists()).isFalse();
    }

    @Test
    void theResourceDimensionNamesTheAliasAndAVersionThereLeavesItToTheParameter() {
        lambda.function(FUNCTION, "1", "2").alias(FUNCTION, "canary", "2").alias(FUNCTION, "prod", "2");

        ActionPlan byDimension = action.plan(lambdaAlarm(Map.of("FunctionName", FUNCTION, "Resource", FUNCTION + ":canary")),
                SPEC);
        ActionPlan byParameter = action.plan(lambdaAlarm(Map.of("FunctionName", FUNCTION, "Resource", FUNCTION + ":2")),
                new ActionSpec(RollbackAliasAction.NAME, Map.of("alias", "prod")));

        assertThat(byDimension.resource()).isEqualTo(FakeLambda.arn(FUNCTION) + ":canary");
        assertThat(byParameter.resource()).isEqualTo(FakeLambda.arn(FUNCTION) + ":prod");
    }

    @Test
    void aBadAliasParameterIsNamed() {
        assertThatThrownBy(() -> action.plan(ON_FUNCTION, new ActionSpec(RollbackAliasAction.NAME, Map.of("alias", "12"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("alias: \"12\" is not an alias name");
    }

    @Test
    void respondsOnlyToAlarmsInAlarmThatNameAFunctionNeverToApiCalls() {
        assertThat(action.appliesTo(ON_FUNCTION, SPEC)).isTrue();
        assertThat(action.appliesTo(lambdaAlarm(Map.of("Resource", FUNCTION + ":live")), SPEC)).isTrue();
        assertThat(action.appliesTo(TestAlarms.alarm("x", "OK", "AWS/Lambda", "Errors", Map.of("FunctionName", FUNCTION)),
                SPEC)).isFalse();
        assertThat(action.appliesTo(TestAlarms.alarm("x", "ALARM", "AWS/EC2", "CPUUtilization",
                Map.of("InstanceId", "i-0abc")), SPEC)).isFalse();
        assertThat(action.appliesTo(LambdaSamples.event("update-alias.json"), SPEC)).isFalse();
    }

    @Test
    void anAlarmFromAnotherRegionIsNotActedOnHere() {
        RollbackAliasAction elsewhere = new RollbackAliasAction(new Aliases(lambda), history, Region.EU_WEST_1, clock);

        assertThatThrownBy(() -> elsewhere.plan(ON_FUNCTION, SPEC)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("deploy Backstop in us-east-1 too");
    }

    @Test
    void tagsAreTheFunctions() {
        lambda.function(FUNCTION, "1", "2").alias(FUNCTION, "live", "2").tag(FUNCTION, "backstop:exempt", "true");

        assertThat(action.tags(action.plan(ON_FUNCTION, SPEC))).containsEntry("backstop:exempt", "true");
    }
}
