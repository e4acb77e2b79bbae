package dev.backstop.action.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.UndoFormat;
import dev.backstop.config.Mode;
import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.FakeLambda;
import dev.backstop.testing.MutableClock;
import dev.backstop.testing.SampleEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The alias of one of Backstop's own functions, moved by someone else, goes back where Backstop's
 * alias history last saw the deployment put it; without that history, nothing is guessed.
 */
class RestoreAliasActionTest {

    private static final String FUNCTION = "backstop-s3";
    private static final String ALIAS_ARN = FakeLambda.arn(FUNCTION) + ":live";
    private static final ActionSpec SPEC = new ActionSpec(RestoreAliasAction.NAME, Map.of());
    private static final Optional<OwnResources> OWN = Optional.of(new OwnResources(List.of(
            "arn:aws:lambda:us-east-1:" + FakeLambda.ACCOUNT + ":function:backstop-*")));

    private final FakeLambda lambda = new FakeLambda();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T14:06:40Z"));
    private final AliasHistory history = new AliasHistory(new FakeHistoryTable(),
            new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of()));
    private final LambdaHistoryRecorder recorder = new LambdaHistoryRecorder(() -> new Aliases(lambda), history,
            new CapturedTelemetry().telemetry(), clock);
    private final RollbackAliasAction rollback = new RollbackAliasAction(new Aliases(lambda), history, Region.US_EAST_1,
            clock);
    private final RestoreAliasAction action = new RestoreAliasAction(new Aliases(lambda), history, rollback, OWN);

    /** The sample's UpdateAlias of backstop-s3:live to version 3 at 2026-11-20T14:06:29Z. */
    private static CloudTrailEvent movedTo3(String function) {
        return new CloudTrailEventParser().parse(SampleEvents.edited("selfwatch/update-alias.json", event -> {
            ObjectNode detail = (ObjectNode) event.path("detail");
            ((ObjectNode) detail.path("requestParameters")).put("functionName", function);
            ((ObjectNode) detail.path("responseElements")).put("aliasArn", FakeLambda.arn(function) + ":live");
        }));
    }

    private CloudTrailEvent deployedAt2ThenMovedTo3() {
        lambda.function(FUNCTION, "1", "2", "3").alias(FUNCTION, "live", "3");
        history.recordMove(ALIAS_ARN, "2", Instant.parse("2026-11-19T09:00:00Z"), "deployment-event");
        CloudTrailEvent event = movedTo3(FUNCTION);
        recorder.observe(event); // as the engine's observers do before the rules decide
        return event;
    }

    @Test
    void anAliasMovedBySomeoneElseGoesBackToTheDeployedVersionReadBackAndUndoMovesItForwardAgain() {
        CloudTrailEvent event = deployedAt2ThenMovedTo3();

        ActionPlan plan = action.plan(event, SPEC);
        action.apply(plan);

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.change()).startsWith("UpdateAlias " + ALIAS_ARN + " from version 3 back to 2, where it pointed"
                + " before");
        assertThat(lambda.versionOf(FUNCTION, "live")).isEqualTo("2");
        assertThat(action.readBack(plan).compliant()).isTrue();

        action.undo(UndoFormat.write(plan.undo()));

        assertThat(lambda.versionOf(FUNCTION, "live")).isEqualTo("3");
    }

    @Test
    void anAliasADeploymentMovedSinceIsLeftWhereTheDeploymentPutIt() {
        CloudTrailEvent event = deployedAt2ThenMovedTo3();
        lambda.alias(FUNCTION, "live", "4");
        history.recordMove(ALIAS_ARN, "4", Instant.parse("2026-11-20T14:10:00Z"), "later-deployment");

        assertThat(action.plan(event, SPEC).changeNeeded()).isFalse();
    }

    @Test
    void withoutARecordedMoveBeforeThisOneNothingIsGuessed() {
        lambda.function(FUNCTION, "1", "2", "3").alias(FUNCTION, "live", "3");
        CloudTrailEvent event = movedTo3(FUNCTION);
        recorder.observe(event);

        assertThatThrownBy(() -> action.plan(event, SPEC)).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("holds no move before this one");
        assertThat(lambda.versionOf(FUNCTION, "live")).isEqualTo("3");
    }

    @Test
    void anotherFunctionsAliasOrAGraphThatGuardsNothingIsNoMatch() {
        RestoreAliasAction guardsNothing = new RestoreAliasAction(new Aliases(lambda), history, rollback, Optional.empty());

        assertThat(action.appliesTo(movedTo3(FUNCTION), SPEC)).isTrue();
        assertThat(action.appliesTo(movedTo3("checkout-api"), SPEC)).isFalse();
        assertThat(guardsNothing.appliesTo(movedTo3(FUNCTION), SPEC)).isFalse();
    }
}
