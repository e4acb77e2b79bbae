package dev.backstop.action.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.EventObserver;
import dev.backstop.event.CloudTrailDetail;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.telemetry.Degradation;
import dev.backstop.telemetry.Telemetry;
import javax.inject.Inject;

/**
 * Records every successful CreateAlias and UpdateAlias (where the alias went) and every
 * PublishVersion and UpdateFunctionCode (what was deployed) in the {@link AliasHistory}, so an
 * alarm on a function can be answered by moving its alias back. It runs for every such call
 * whatever the rules, their mode or the caller: the deployment role the rules leave alone is just
 * the one whose moves are worth knowing.
 *
 * <p>Lambda's CloudTrail names carry its API version ({@code UpdateAlias20150331},
 * {@code UpdateFunctionCode20150331v2}); they are read without it. Where it went is read from
 * {@code responseElements} ({@code aliasArn}, {@code functionVersion}; {@code functionArn},
 * {@code version}, {@code codeSha256}), else from {@code requestParameters}. An event without them
 * is logged and skipped: the history has a gap, and the rollback falls back to published versions.
 */
final class LambdaHistoryRecorder implements EventObserver {

    static final String EVENT_SOURCE = "lambda.amazonaws.com";
    /** Counted for an alias move or deployment that could not be recorded (an unreadable event): the history misses it. */
    static final String NOT_RECORDED = Degradation.HISTORY_NOT_RECORDED.metric();

    private final AliasHistory history;
    private final Telemetry telemetry;

    @Inject
    LambdaHistoryRecorder(AliasHistory history, Telemetry telemetry) {
        this.history = history;
        this.telemetry = telemetry;
    }

    @Override
    public void observe(CloudTrailEvent event) {
        CloudTrailDetail detail = event.detail();
        if (!EVENT_SOURCE.equals(detail.eventSource())) {
            return;
        }
        try {
            switch (detail.baseEventName()) {
                case "CreateAlias", "UpdateAlias" -> recordMove(event);
                case "PublishVersion", "UpdateFunctionCode" -> recordDeployment(event);
                default -> { }
            }
        } catch (IllegalArgumentException e) {
            telemetry.count(NOT_RECORDED, detail.eventName() + " " + event.eventId() + " not recorded in the alias history: "
                    + e.getMessage(), telemetry.fields().put("history", "alias").put("eventId", event.eventId())
                    .put("reason", e.getMessage()));
        }
    }

    private void recordMove(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        JsonNode response = event.detail().responseElements();
        String aliasArn = text(response, "aliasArn");
        if (aliasArn == null) {
            String alias = required(request, "name");
            aliasArn = FunctionArns.unqualified(required(request, "functionName"), event.region(), event.account())
                    + ":" + alias;
        }
        String version = text(response, "functionVersion");
        if (version == null) {
            version = required(request, "functionVersion");
        }
        history.recordMove(aliasArn, version, event.detail().eventTime(), event.eventId());
    }

    private void recordDeployment(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        JsonNode response = event.detail().responseElements();
        String function = text(response, "functionArn");
        String functionArn = FunctionArns.unqualified(function != null ? function : required(request, "functionName"),
                event.region(), event.account());
        String version = text(response, "version");
        history.recordDeployment(functionArn, event.detail().baseEventName(), version != null ? version : "unknown",
                text(response, "codeSha256"), event.detail().eventTime(), event.eventId());
    }

    private static String required(JsonNode tree, String field) {
        String value = text(tree, field);
        if (value == null) {
            throw new IllegalArgumentException("the event has no responseElements or requestParameters." + field);
        }
        return value;
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree == null ? null : tree.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
