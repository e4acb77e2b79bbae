package dev.backstop.engine;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.edited;
import static dev.backstop.testing.TestDeliveries.apiCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.rules.Severity;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.FakeSns;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class UndoServiceTest {

    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";
    private static final String EVENT_ID = "c9e5a1d7-3f2b-4e8a-b6c4-0d1e2f3a4b5c";
    private static final String DECISION = "decision#" + EVENT_ID;

    private final FakeCloudTrail cloudTrail = new FakeCloudTrail().trail(TRAIL, false);
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final FakeSns sns = new FakeSns();

    private TestComponent component(Mode mode) {
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", mode, List.of());
        return DaggerTestComponent.factory().create(settings, Clock.systemUTC(), cloudTrail, dynamoDb, sns,
                Region.US_EAST_1, new FakeS3());
    }

    private UndoService remediated() {
        TestComponent component = component(Mode.ENFORCE);
        component.engine().handle(apiCall(edited("cloudtrail/stop-logging.json", e -> { })));
        return component.undo();
    }

    @Test
    void undoReversesTheAppliedActionAndAuditsIt() {
        UndoService undo = remediated();

        AuditRecord done = undo.undo(EVENT_ID, "alice");

        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
        assertThat(done.auditId()).isEqualTo("undo#" + DECISION);
        assertThat(done.outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(done.principal()).isEqualTo("alice");
        assertThat(done.actions().get(0).after()).containsEntry("isLogging", "false");
        assertThat(dynamoDb.attribute("undo#" + DECISION, "outcome")).isEqualTo("UNDONE");
        assertThat(sns.published()).last().satisfies(message ->
                assertThat(message.subject()).isEqualTo("Backstop UNDONE: StopLogging"));
    }

    /**
     * A record written before undo data was typed holds it in version 1 (flat strings, no version),
     * as the StopLogging remediation wrote it then: it is undone as a new one is.
     */
    @Test
    void aRecordWrittenBeforeUndoDataWasTypedIsUndoneToo() {
        TestComponent component = component(Mode.ENFORCE);
        cloudTrail.trail(TRAIL, true);
        ActionResult started = new ActionResult("cloudtrail-logging-stopped", Severity.HIGH, "cloudtrail.start-logging",
                Mode.ENFORCE, TRAIL, Outcome.REMEDIATED, Map.of("isLogging", "false"), Map.of("isLogging", "true"),
                JsonNodeFactory.instance.objectNode().put("name", TRAIL).put("call", "StopLogging"),
                "StartLogging on " + TRAIL + ", verified by read-back");
        component.audit().record(new AuditRecord(DECISION, EVENT_ID, "StopLogging", "cloudtrail.amazonaws.com",
                "123456789012", "us-east-1", Instant.parse("2026-11-20T09:14:05Z"), Instant.parse("2026-11-20T09:14:07Z"),
                "arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory", "AssumedRole", "198.51.100.24",
                Outcome.REMEDIATED, "matched cloudtrail-logging-stopped", List.of(started)));

        assertThat(component.undo().plan(EVENT_ID)).singleElement()
                .satisfies(action -> assertThat(component.undo().calls(action))
                        .containsExactly("cloudtrail:StopLogging name=" + TRAIL));
        AuditRecord done = component.undo().undo(EVENT_ID, "alice");

        assertThat(done.outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
    }

    /** Undo data of a version this Backstop does not read (a newer one wrote it) is named before anything runs. */
    @Test
    void undoDataOfAnUnknownVersionIsRefusedBeforeAnythingRuns() {
        TestComponent component = component(Mode.ENFORCE);
        cloudTrail.trail(TRAIL, true);
        ActionResult started = new ActionResult("cloudtrail-logging-stopped", Severity.HIGH, "cloudtrail.start-logging",
                Mode.ENFORCE, TRAIL, Outcome.REMEDIATED, Map.of("isLogging", "false"), Map.of("isLogging", "true"),
                JsonNodeFactory.instance.objectNode().put("undoVersion", 3).put("call", "StopLogging").put("trail", TRAIL),
                "StartLogging on " + TRAIL + ", verified by read-back");
        component.audit().record(new AuditRecord(DECISION, EVENT_ID, "StopLogging", "cloudtrail.amazonaws.com",
                "123456789012", "us-east-1", Instant.parse("2026-11-20T09:14:05Z"), Instant.parse("2026-11-20T09:14:07Z"),
                "arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory", "AssumedRole", "198.51.100.24",
                Outcome.REMEDIATED, "matched cloudtrail-logging-stopped", List.of(started)));

        assertThatThrownBy(() -> component.undo().undo(EVENT_ID, "alice"))
                .isInstanceOf(UndoException.class)
                .hasMessage("cloudtrail.start-logging on " + TRAIL + " cannot be undone: the undo data is of version 3,"
                        + " which this Backstop does not read (it reads versions 1 to 2): undo it with the Backstop that"
                        + " wrote it; nothing was changed");
        assertThat(cloudTrail.isLogging(TRAIL)).isTrue();
        assertThat(dynamoDb.items()).doesNotContainKey("undo#" + DECISION);
    }

    /** The credentials (FakeSts: the samples' account, 123456789012) must be of the record's account. */
    @Test
    void aRecordOfAnotherAccountIsRefusedBeforeAnythingRuns() {
        TestComponent component = component(Mode.ENFORCE);
        component.engine().handle(apiCall(edited("cloudtrail/stop-logging.json", e -> {
            e.put("account", "210987654321");
            detail(e).put("recipientAccountId", "210987654321");
        })));

        assertThatThrownBy(() -> component.undo().undo(EVENT_ID, "alice"))
                .isInstanceOf(UndoException.class)
                .hasMessageStartingWith("the record is of account 210987654321, but these credentials act in account"
                        + " 123456789012: use credentials of account 210987654321, or set BACKSTOP_HOME_ACCOUNT,")
                .hasMessageEndingWith("; nothing was changed");
        assertThat(cloudTrail.isLogging(TRAIL)).isTrue();
        assertThat(dynamoDb.items()).doesNotContainKey("undo#" + DECISION);
    }

    @Test
    void aRecordIsUndoneOnlyOnce() {
        UndoService undo = remediated();
        undo.undo(EVENT_ID, "alice");

        assertThatThrownBy(() -> undo.undo(EVENT_ID, "bob"))
                .isInstanceOf(UndoException.class)
                .hasMessage(DECISION + " was undone already (audit record undo#" + DECISION + ")");
    }

    @Test
    void aDecisionThatChangedNothingHasNothingToUndo() {
        TestComponent component = component(Mode.DRY_RUN);
        component.engine().handle(apiCall(edited("cloudtrail/stop-logging.json", e -> { })));

        assertThatThrownBy(() -> component.undo().plan(EVENT_ID))
                .isInstanceOf(UndoException.class)
                .hasMessage("nothing to undo: " + DECISION + " applied no change (WOULD_REMEDIATE)");
        assertThat(cloudTrail.startLoggingCalls()).isZero();
    }

    @Test
    void anUnknownRecordIsRefused() {
        assertThatThrownBy(() -> component(Mode.ENFORCE).undo().plan("no-such-id"))
                .isInstanceOf(UndoException.class)
                .hasMessage("no completed audit record decision#no-such-id");
    }
}
