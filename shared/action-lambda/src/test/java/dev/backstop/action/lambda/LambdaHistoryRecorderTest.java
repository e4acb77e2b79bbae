package dev.backstop.action.lambda;

import static dev.backstop.action.lambda.LambdaSamples.detail;
import static dev.backstop.action.lambda.LambdaSamples.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.lambda.AliasHistory.AliasMove;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.testing.CapturedTelemetry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LambdaHistoryRecorderTest {

    private static final String ALIAS_ARN = "arn:aws:lambda:us-east-1:123456789012:function:checkout-api:live";
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:checkout-api";

    private final FakeHistoryTable table = new FakeHistoryTable();
    private final AliasHistory history = new AliasHistory(table,
            new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of()));
    private final CapturedTelemetry telemetry = new CapturedTelemetry();
    private final LambdaHistoryRecorder recorder = new LambdaHistoryRecorder(history, telemetry.telemetry());

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    private static void at(ObjectNode event, String time, String version, String id) {
        detail(event).put("eventTime", time).put("eventID", id);
        request(event).put("functionVersion", version);
        ((ObjectNode) detail(event).get("responseElements")).put("functionVersion", version);
    }

    @Test
    void recordsWhereAnUpdateAliasWithItsApiVersionInTheNameMovedTheAlias() {
        recorder.observe(event("update-alias.json"));

        assertThat(history.latest(ALIAS_ARN)).contains(new AliasMove("7", null, Instant.parse("2026-11-20T10:17:11Z"),
                "6b2e9f04-c835-4a71-9d0e-a7f3c1b58e26"));
    }

    @Test
    void eachMoveRemembersTheVersionBeforeIt() {
        recorder.observe(event("create-alias.json"));
        recorder.observe(event("update-alias.json"));

        assertThat(history.latest(ALIAS_ARN).map(AliasMove::previousVersion)).contains("5");
        assertThat(table.items().keySet()).contains(
                "alias#" + ALIAS_ARN + "#2026-11-01T08:00:04Z#c81f5b3e-2a94-4d07-b6c1-9e0d4a72f5b8",
                "alias#" + ALIAS_ARN + "#2026-11-20T10:17:11Z#6b2e9f04-c835-4a71-9d0e-a7f3c1b58e26");
    }

    @Test
    void aMoveDeliveredLateStaysInTheHistoryOnly() {
        recorder.observe(event("update-alias.json"));
        recorder.observe(event("update-alias.json", e -> at(e, "2026-11-19T08:00:00Z", "4", "late")));

        assertThat(history.latest(ALIAS_ARN).map(AliasMove::version)).contains("7");
        assertThat(table.items()).containsKey("alias#" + ALIAS_ARN + "#2026-11-19T08:00:00Z#late");
    }

    @Test
    void anUpdateThatLeavesTheVersionKeepsThePreviousOne() {
        recorder.observe(event("update-alias.json", e -> at(e, "2026-11-01T08:00:00Z", "5", "create")));
        recorder.observe(event("update-alias.json"));
        recorder.observe(event("update-alias.json", e -> {
            at(e, "2026-11-20T11:00:00Z", "7", "description-only");
            request(e).remove("functionVersion");
        }));

        assertThat(history.latest(ALIAS_ARN)).map(AliasMove::previousVersion).contains("5");
    }

    @Test
    void aConcurrentWriterIsReadAgainBeforeTheLatestIsReplaced() {
        recorder.observe(event("update-alias.json", e -> at(e, "2026-11-01T08:00:00Z", "5", "create")));
        table.beforeNextConditionalPut(() -> history.recordMove(ALIAS_ARN, "6", Instant.parse("2026-11-10T08:00:00Z"),
                "racing"));

        recorder.observe(event("update-alias.json"));

        assertThat(history.latest(ALIAS_ARN)).map(AliasMove::previousVersion).contains("6");
    }

    @Test
    void withoutAResponseTheAliasIsBuiltFromTheRequest() {
        recorder.observe(event("update-alias.json", e -> {
            detail(e).putNull("responseElements");
            request(e).put("functionName", "checkout-api");
        }));

        assertThat(history.latest(ALIAS_ARN).map(AliasMove::version)).contains("7");
    }

    @Test
    void recordsPublishedVersionsAndCodeUpdatesAsDeployments() {
        recorder.observe(event("publish-version.json"));
        recorder.observe(event("update-function-code.json"));

        assertThat(table.items().get("deployment#" + FUNCTION_ARN + "#2026-11-20T10:16:44Z#e05a9d73-6c12-4b8e-87f4-3d9b1a60c2e8"))
                .containsEntry("version", AttributeValue.fromS("7"))
                .containsEntry("eventName", AttributeValue.fromS("PublishVersion"))
                .containsEntry("codeSha256", AttributeValue.fromS("q1b7Kx4S0mZ3uVfE8yT2nR9cJ6dLhW5aP0gQ4sN7oBk="));
        assertThat(table.items().get("deployment#" + FUNCTION_ARN + "#2026-11-20T10:14:02Z#b7e31c05-4d28-4f6a-9c03-58a1e2d7f640"))
                .containsEntry("version", AttributeValue.fromS("$LATEST"))
                .containsEntry("eventName", AttributeValue.fromS("UpdateFunctionCode"));
    }

    @Test
    void leavesOtherCallsAndOtherServicesAlone() {
        recorder.observe(event("update-alias.json", e -> detail(e).put("eventName", "GetAlias20150331")));
        recorder.observe(event("update-alias.json", e -> detail(e).put("eventSource", "s3.amazonaws.com")));

        assertThat(table.items()).isEmpty();
    }

    @Test
    void skipsAnEventThatSaysNotWhereTheAliasWentInsteadOfFailingTheDecisionAndCountsIt() {
        recorder.observe(event("update-alias.json", e -> {
            detail(e).putNull("responseElements");
            request(e).remove("functionVersion");
        }));
        recorder.observe(event("update-alias.json", e -> {
            detail(e).putNull("responseElements");
            request(e).remove("name");
        }));

        assertThat(table.items().keySet()).noneMatch(key -> key.equals(AliasHistory.latestKey(ALIAS_ARN)));
        assertThat(telemetry.counted(LambdaHistoryRecorder.NOT_RECORDED)).hasSize(2)
                .allSatisfy(line -> assertThat(line.path("history").asText()).isEqualTo("alias"));
    }
}
