package dev.backstop.engine;

import dev.backstop.audit.AuditRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import javax.inject.Inject;

/**
 * Times one decision and reports it through {@link DecisionMetrics}, whatever its trigger: a
 * decision that completes is counted with its duration; one that fails is counted as handed back
 * (Lambda retries it) and the failure propagates unchanged.
 */
final class MeteredDecisions {

    private final DecisionMetrics metrics;
    private final Clock clock;

    @Inject
    MeteredDecisions(DecisionMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    AuditRecord decide(Supplier<AuditRecord> decision) {
        long started = clock.millis();
        AuditRecord decided;
        try {
            decided = decision.get();
        } catch (RuntimeException e) {
            metrics.handedBack(e);
            throw e;
        }
        metrics.decided(decided, Duration.ofMillis(clock.millis() - started));
        return decided;
    }
}
