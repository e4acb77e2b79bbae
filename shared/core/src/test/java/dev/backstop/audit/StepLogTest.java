package dev.backstop.audit;

import static dev.backstop.audit.ChainHashTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.audit.AuditLog.Claim;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.FakeDynamoDb;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StepLogTest {

    private static final Instant NOW = Instant.parse("2026-12-07T07:00:00Z");
    private static final String EVENT = "e1";
    private static final String CLAIM = AuditKeys.decision(EVENT);
    private static final String STEP = "step#e1#cloudtrail-logging-stopped#0";

    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final AuditLog audit = new AuditLog(dynamoDb, "audit", JSON, new CapturedTelemetry().telemetry());
    private final StepLog steps = new StepLog(dynamoDb,
            new Settings("audit", "arn:aws:sns:us-east-1:123456789012:t", Mode.ENFORCE, List.of()), JSON);
    private final AtomicInteger runs = new AtomicInteger();

    private ActionResult run(StepLog.Attempt attempt) {
        return steps.once(attempt, "cloudtrail-logging-stopped", 0, Mode.ENFORCE, () -> {
            runs.incrementAndGet();
            return ChainHashTest.fullRecord(EVENT).actions().get(0);
        });
    }

    @Test
    void theFirstAttemptAtAnEventRunsItsStepAndKeepsItWithoutReadingTheLog() {
        StepLog.Attempt first = StepLog.Attempt.claimed(EVENT, audit.claim(CLAIM, NOW));
        int before = dynamoDb.calls().size();

        ActionResult result = run(first);

        assertThat(first.first()).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(result.detail()).doesNotEndWith(StepLog.EARLIER);
        assertThat(dynamoDb.callsSince(before)).containsExactly("PutItem " + STEP);
    }

    @Test
    void aRetryAfterReleaseReadsTheLogAndTakesTheFinishedStepFromItInsteadOfRunningItAgain() {
        run(StepLog.Attempt.claimed(EVENT, audit.claim(CLAIM, NOW)));
        audit.release(CLAIM);
        StepLog.Attempt retry = StepLog.Attempt.claimed(EVENT, audit.claim(CLAIM, NOW.plusSeconds(30)));
        int before = dynamoDb.calls().size();

        ActionResult result = run(retry);

        assertThat(retry.first()).isFalse();
        assertThat(runs).hasValue(1);
        assertThat(result.detail()).endsWith(StepLog.EARLIER);
        assertThat(dynamoDb.callsSince(before)).containsExactly("GetItem " + STEP);
    }

    @Test
    void aTakeOverOfAClaimLeftBehindByACrashReadsTheLog() {
        run(StepLog.Attempt.claimed(EVENT, audit.claim(CLAIM, NOW)));
        StepLog.Attempt takeOver = StepLog.Attempt.claimed(EVENT,
                audit.claim(CLAIM, NOW.plus(AuditLog.CLAIM_LEASE).plusSeconds(1)));

        assertThat(run(takeOver).detail()).endsWith(StepLog.EARLIER);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRunThatMayBeRepeatedAlwaysReadsTheLog() {
        run(StepLog.Attempt.maybeRepeated("due#d1"));
        int before = dynamoDb.calls().size();

        assertThat(run(StepLog.Attempt.maybeRepeated("due#d1")).detail()).endsWith(StepLog.EARLIER);
        assertThat(runs).hasValue(1);
        assertThat(dynamoDb.callsSince(before)).containsExactly("GetItem step#due#d1#cloudtrail-logging-stopped#0");
    }

    @Test
    void aStepThatChangesNothingIsNeitherReadNorKept() {
        int before = dynamoDb.calls().size();

        steps.once(StepLog.Attempt.maybeRepeated(EVENT), "cloudtrail-logging-stopped", 0, Mode.DRY_RUN,
                () -> ChainHashTest.fullRecord(EVENT).actions().get(0));

        assertThat(dynamoDb.callsSince(before)).isEmpty();
    }
}
