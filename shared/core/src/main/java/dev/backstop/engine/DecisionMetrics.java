package dev.backstop.engine;

import dev.backstop.action.AwsErrors;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.breaker.Breakers;
import dev.backstop.telemetry.Telemetry;
import dev.backstop.telemetry.Telemetry.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;

/**
 * The engine's CloudWatch metrics, in embedded metric format (namespace {@code Backstop}): per
 * decision {@code Decisions} and {@code DecisionDuration} (ms) by {@code Outcome}; per action
 * {@code ActionsApplied} and {@code ActionsFailed} by {@code Action}, and {@code ActionsSkipped}
 * by {@code Reason} (already-compliant, exempted, resource-gone, dry-run, notify, breaker); and
 * {@code DecisionsHandedBack} when an invocation fails so Lambda retries it. Actions are counted
 * once, with the decision that completes: an attempt handed back counts none of its actions.
 */
final class DecisionMetrics {

    private final Telemetry telemetry;

    @Inject
    DecisionMetrics(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    void decided(AuditRecord decision, Duration took) {
        telemetry.metrics("decided " + decision.auditId() + ": " + decision.outcome(),
                Map.of("Outcome", decision.outcome().name()),
                List.of(new Metric("Decisions", 1, "Count"), new Metric("DecisionDuration", took.toMillis(), "Milliseconds")),
                telemetry.fields().put("auditId", decision.auditId()));
        for (ActionResult action : decision.actions()) {
            var fields = telemetry.fields().put("auditId", decision.auditId()).put("rule", action.rule())
                    .put("resource", action.resource());
            switch (action.outcome()) {
                case REMEDIATED -> telemetry.metrics(action.action() + " applied", Map.of("Action", action.action()),
                        List.of(new Metric("ActionsApplied", 1, "Count")), fields);
                case FAILED -> telemetry.metrics(action.action() + " failed: " + action.detail(),
                        Map.of("Action", action.action()), List.of(new Metric("ActionsFailed", 1, "Count")), fields);
                default -> telemetry.metrics(action.action() + " skipped: " + action.detail(),
                        Map.of("Reason", reason(action)), List.of(new Metric("ActionsSkipped", 1, "Count")), fields);
            }
        }
    }

    void handedBack(RuntimeException failure) {
        telemetry.metrics("handed back for retry: " + AwsErrors.describe(failure), Map.of(),
                List.of(new Metric("DecisionsHandedBack", 1, "Count")), telemetry.fields());
    }

    static String reason(ActionResult action) {
        if (action.outcome() == Outcome.NOTIFIED && action.detail().startsWith(Breakers.HELD)) {
            return "breaker";
        }
        return switch (action.outcome()) {
            case WOULD_REMEDIATE -> "dry-run";
            case NOTIFIED -> "notify";
            default -> action.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }
}
