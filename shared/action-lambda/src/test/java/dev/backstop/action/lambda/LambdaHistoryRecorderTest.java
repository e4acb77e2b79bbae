package dev.backstop.action.lambda;

import static dev.backstop.action.lambda.LambdaSamples.detail;
import static dev.backstop.action.lambda.LambdaSamples.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.lambda.AliasHistory.AliasMove;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.FakeLambda;
import dev.backstop.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LambdaHistoryRecorderTest {

    private static final String ALIAS_ARN = "arn:aws:lambda:us-east-1:123456789012:function:checkout-api:live";
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:checkout-api";
    private static final Instant START = Instant.parse("2026-11-20T10:17:12Z");
    private static final String UPDATE_ID = "6b2e9f04-c835-4a71-9d0e-a7f3c1b58e26";

    private final FakeHistoryTable table = new FakeHistoryTable();
    private final FakeLambda lambda = new FakeLambda().function("checkout-api", "5", "6", "7").alias("checkout-api", "live", "7");
    private final MutableClock clock = new MutableClock(START);
    private final AliasHistory history = new AliasHistory(table,
            new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of()));
    private final Aliases aliases = new Aliases(lambda);
    private final CapturedTelemetry telemetry = new CapturedTelemetry();
    private final LambdaHistoryRecorder recorder = new LambdaHistoryRecorder(() -> aliases, history, telemetry.telemetry(),
            clock);

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    /** The alias moved to {@code version}, and the clock on a minute. */
    private void moved(String version) {
        lambda.alias("checkout-api", "live", version);
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void recordsWhereTheAliasIsWhenTheEventArrivesNotWhereTheEventSaysItWent() {
        recorder.observe(event("update-alias.json", e -> {
            request(e).put("functionVersion", "5");
            ((ObjectNode) detail(e).get("responseElements")).put("functionVersion", "5");
        }));

        assertThat(history.latest(ALIAS_ARN)).contains(new AliasMove("7", null, START, "read back after " + UPDATE_ID));
        assertThat(lambda.calls()).containsExactly("GetAlias " + FUNCTION_ARN + ":live");
    }

    @Test
    void eachMoveRemembersTheVersionBeforeIt() {
        lambda.alias("checkout-api", "live", "5");
        recorder.observe(event("create-alias.json"));
        moved("7");
        recorder.observe(event("update-alias.json"));

        assertThat(history.latest(ALIAS_ARN).map(AliasMove::previousVersion)).contains("5");
        assertThat(table.items().keySet()).contains(
                "alias#" + ALIAS_ARN + "#" + START + "#read back after c81f5b3e-2a94-4d07-b6c1-9e0d4a72f5b8",
                "alias#" + ALIAS_ARN + "#" + START.plusSeconds(60) + "#read back after " + UPDATE_ID);
    }

    @Test
    void anEventAfterWhichTheAliasDidNotMoveKeepsThePreviousVersion() {
        lambda.alias("checkout-api", "live", "5");
        recorder.observe(event("create-alias.json"));
        moved("7");
        recorder.observe(event("update-alias.json"));
        clock.advance(Duration.ofMinutes(1));
        recorder.observe(event("update-alias.json", e -> request(e).remove("functionVersion")));

        assertThat(history.latest(ALIAS_ARN)).map(AliasMove::previousVersion).contains("5");
    }

    @Test
    void aConcurrentWriterIsReadAgainBeforeTheLatestIsReplaced() {
        lambda.alias("checkout-api", "live", "5");
        recorder.observe(event("create-alias.json"));
        moved("7");
        table.beforeNextConditionalPut(() -> history.recordMove(ALIAS_ARN, "6", START.plusSeconds(30), "racing"));

        recorder.observe(event("update-alias.json"));

        assertThat(history.latest(ALIAS_ARN)).map(AliasMove::previousVersion).contains("6");
    }

    @Test
    void withoutARequestTheAliasIsFoundFromTheResponse() {
        recorder.observe(event("update-alias.json", e -> detail(e).putNull("requestParameters")));

        assertThat(history.latest(ALIAS_ARN).map(AliasMove::version)).contains("7");
    }

    @Test
    void anAliasGoneByTheTimeItIsReadIsNotRecorded() {
        lambda.deleteFunction("checkout-api");

        recorder.observe(event("update-alias.json"));

        assertThat(table.items()).isEmpty();
    }

    @Test
    void recordsPublishedVersionsAndCodeUpdatesAsDeploymentsReadBackFromLambda() {
        recorder.observe(event("publish-version.json"));
        recorder.observe(event("update-function-code.json"));

        assertThat(table.items().get("deployment#" + FUNCTION_ARN + "#" + START
                + "#read back after e05a9d73-6c12-4b8e-87f4-3d9b1a60c2e8"))
                .containsEntry("version", AttributeValue.fromS("7"))
                .containsEntry("eventName", AttributeValue.fromS("PublishVersion"))
                .containsEntry("codeSha256", AttributeValue.fromS(FakeLambda.codeSha256("7")));
        assertThat(table.items().get("deployment#" + FUNCTION_ARN + "#" + START
                + "#read back after b7e31c05-4d28-4f6a-9c03-58a1e2d7f640"))
                .containsEntry("version", AttributeValue.fromS("$LATEST"))
                .containsEntry("eventName", AttributeValue.fromS("UpdateFunctionCode"));
    }

    @Test
    void leavesOtherCallsAndOtherServicesAlone() {
        recorder.observe(event("update-alias.json", e -> detail(e).put("eventName", "GetAlias20150331")));
        recorder.observe(event("update-alias.json", e -> detail(e).put("eventSource", "s3.amazonaws.com")));

        assertThat(table.items()).isEmpty();
        assertThat(lambda.calls()).isEmpty();
    }

    @Test
    void skipsAnEventThatNamesNoAliasInsteadOfFailingTheDecisionAndCountsIt() {
        recorder.observe(event("update-alias.json", e -> {
            detail(e).putNull("responseElements");
            request(e).remove("name");
        }));

        assertThat(table.items()).isEmpty();
        assertThat(telemetry.counted(LambdaHistoryRecorder.NOT_RECORDED)).singleElement()
                .satisfies(line -> assertThat(line.path("history").asText()).isEqualTo("alias"));
    }
}
