package dev.backstop.audit;

import static dev.backstop.audit.ChainHashTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.audit.AuditLog.Claim;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.FakeDynamoDb;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditClaimTest {

    private static final Instant NOW = Instant.parse("2026-12-07T07:00:00Z");

    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final AuditLog log = new AuditLog(dynamoDb, "audit", JSON, new CapturedTelemetry().telemetry());

    @Test
    void theFirstClaimOnAnEventNewToTheTableSaysSoInTheSameCall() {
        int before = dynamoDb.calls().size();

        assertThat(log.claim("decision#e1", NOW)).isEqualTo(Claim.FIRST);

        assertThat(dynamoDb.callsSince(before)).containsExactly("PutItem decision#e1");
    }

    @Test
    void aClaimTakenOverAfterItWasHandedBackIsARetry() {
        log.claim("decision#e1", NOW);
        log.release("decision#e1");

        assertThat(log.claim("decision#e1", NOW.plusSeconds(30))).isEqualTo(Claim.RETRY);
    }

    @Test
    void aClaimHeldByAnotherDeliveryOrADecidedEventIsRefused() {
        log.claim("decision#e1", NOW);

        assertThat(log.claim("decision#e1", NOW.plusSeconds(1))).isEqualTo(Claim.REFUSED);
        assertThat(Claim.REFUSED.held()).isFalse();

        log.recordClaimed("decision#e1", decided("decision#e1"));
        assertThat(log.claim("decision#e1", NOW.plus(AuditLog.CLAIM_LEASE).plusSeconds(1))).isEqualTo(Claim.REFUSED);
    }

    private static AuditRecord decided(String auditId) {
        AuditRecord full = ChainHashTest.fullRecord("e1");
        return new AuditRecord(auditId, full.eventId(), full.eventName(), full.eventSource(), full.account(), full.region(),
                full.eventTime(), full.decidedAt(), full.principal(), full.principalType(), full.sourceIp(), full.outcome(),
                full.reason(), full.actions());
    }
}
