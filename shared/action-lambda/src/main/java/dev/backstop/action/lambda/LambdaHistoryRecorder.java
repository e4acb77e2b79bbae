package dev.backstop.action.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dagger.Lazy;
import dev.backstop.action.EventObserver;
import dev.backstop.event.CloudTrailDetail;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.telemetry.Degradation;
import dev.backstop.telemetry.Telemetry;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * Records, after every successful CreateAlias and UpdateAlias, where the alias points, and after
 * every PublishVersion and UpdateFunctionCode, what was deployed, in the {@link AliasHistory}, so
 * an alarm on a function can be answered by moving its alias back. It runs for every such call
 * whatever the rules, their mode or the caller: the deployment role the rules leave alone is just
 * the one whose moves are worth knowing.
 *
 * <p>What is recorded is read back from Lambda when the event arrives (GetAlias, and
 * GetFunctionConfiguration of the version published), dated when it was read: the event only says
 * which alias or function to read. An event's own {@code functionVersion} or time is never
 * recorded, so a forged UpdateAlias cannot plant the version a rollback would move to. Lambda's
 * CloudTrail names carry its API version ({@code UpdateAlias20150331}); they are read without it.
 * An event that names no alias or function is logged and skipped; an alias or version gone by the
 * time it is read is not recorded.
 */
final class LambdaHistoryRecorder implements EventObserver {

    static final String EVENT_SOURCE = "lambda.amazonaws.com";
    /** How the source of a recorded move starts: the event after which it was read. */
    static final String READ_AFTER = "read back after ";
    /** Counted for an alias move or deployment that could not be recorded (an unreadable event): the history misses it. */
    static final String NOT_RECORDED = Degradation.HISTORY_NOT_RECORDED.metric();
    private static final String LATEST = "$LATEST";

    // Lazy: the Lambda client is built for the first alias or deployment event, not for every cold start.
    private final Lazy<Aliases> aliases;
    private final AliasHistory history;
    private final Telemetry telemetry;
    private final Clock clock;

    @Inject
    LambdaHistoryRecorder(Lazy<Aliases> aliases, AliasHistory history, Telemetry telemetry, Clock clock) {
        this.aliases = aliases;
        this.history = history;
        this.telemetry = telemetry;
        this.clock = clock;
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
        String aliasArn = text(event.detail().responseElements(), "aliasArn");
        String function = Optional.ofNullable(text(event.detail().requestParameters(), "functionName"))
                .orElseGet(() -> aliasArn == null ? null : aliasArn.substring(0, aliasArn.lastIndexOf(':')));
        String alias = Optional.ofNullable(text(event.detail().requestParameters(), "name"))
                .orElseGet(() -> aliasArn == null ? null : aliasArn.substring(aliasArn.lastIndexOf(':') + 1));
        if (function == null || alias == null) {
            throw new IllegalArgumentException("the event names no alias (requestParameters.functionName and name)");
        }
        aliases.get().find(function, alias).ifPresent(now -> history.recordMove(now.aliasArn(), now.version(),
                clock.instant(), READ_AFTER + event.eventId()));
    }

    private void recordDeployment(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        JsonNode response = event.detail().responseElements();
        String named = Optional.ofNullable(text(response, "functionArn")).orElseGet(() -> text(request, "functionName"));
        if (named == null) {
            throw new IllegalArgumentException("the event names no function (requestParameters.functionName)");
        }
        String functionArn = FunctionArns.unqualified(named, event.region(), event.account());
        boolean published = "PublishVersion".equals(event.detail().baseEventName());
        String qualifier = published ? text(response, "version") : LATEST;
        if (qualifier == null) {
            throw new IllegalArgumentException("the event names no published version (responseElements.version)");
        }
        Optional<FunctionConfiguration> deployed = aliases.get().configuration(functionArn, qualifier);
        deployed.ifPresent(configuration -> history.recordDeployment(functionArn, event.detail().baseEventName(),
                configuration.version(), configuration.codeSha256(), clock.instant(), READ_AFTER + event.eventId()));
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree == null ? null : tree.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
