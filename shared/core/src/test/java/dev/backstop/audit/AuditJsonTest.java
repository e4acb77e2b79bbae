package dev.backstop.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backstop.config.Mode;
import dev.backstop.rules.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The typed audit JSON against what databind's bean serialization writes for the same records
 * (the mapper the engine used before, Java-time module and ISO-8601 instants): the two must not
 * drift, or audit items and notifications would change shape.
 */
class AuditJsonTest {

    private static final ObjectMapper BEANS = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper TREES = new ObjectMapper();

    private static final Instant AT = Instant.parse("2026-11-20T10:30:12.734Z");

    @Test
    void writesARichAlarmRecordExactlyAsTheBeanMapperDoes() throws Exception {
        AuditRecord record = richRecord();

        assertThat(AuditJson.record(record).toString()).isEqualTo(BEANS.writeValueAsString(record));
        assertThat(BEANS.writerWithDefaultPrettyPrinter().writeValueAsString(AuditJson.record(record)))
                .isEqualTo(BEANS.writerWithDefaultPrettyPrinter().writeValueAsString(BEANS.valueToTree(record)));
    }

    @Test
    void writesACloudTrailRecordWithItsNullAlarmAndNullsAsTheBeanMapperDoes() throws Exception {
        AuditRecord record = new AuditRecord("c9e5", "c9e5", "StopLogging", "cloudtrail.amazonaws.com", "123456789012",
                "us-east-1", null, AT, null, null, null, Outcome.FAILED, "could not read the trail",
                List.of(new ActionResult("r", null, "cloudtrail.start-logging", null, null, Outcome.FAILED, Map.of(),
                        Map.of(), null, null)));

        assertThat(AuditJson.record(record).toString()).isEqualTo(BEANS.writeValueAsString(record))
                .contains("\"alarm\":null", "\"eventTime\":null", "\"severity\":null", "\"mode\":null");
    }

    @Test
    void writesTheActionsAndOneStepExactlyAsTheBeanMapperDoes() throws Exception {
        List<ActionResult> actions = richRecord().actions();

        assertThat(AuditJson.actions(actions).toString()).isEqualTo(BEANS.writeValueAsString(actions));
        assertThat(AuditJson.action(actions.get(0)).toString()).isEqualTo(BEANS.writeValueAsString(actions.get(0)));
        assertThat(AuditJson.action(actions.get(1)).toString()).isEqualTo(BEANS.writeValueAsString(actions.get(1)))
                .doesNotContain("tags", "modeReason", "declared");
    }

    @Test
    void readsBackWhatItWroteAndWhatTheBeanMapperWrote() throws Exception {
        List<ActionResult> actions = richRecord().actions();

        assertThat(AuditJson.readActions(AuditJson.actions(actions), "record r")).isEqualTo(actions);
        assertThat(AuditJson.readActions(TREES.readTree(BEANS.writeValueAsString(actions)), "record r")).isEqualTo(actions);
        assertThat(AuditJson.readAction(TREES.readTree(BEANS.writeValueAsString(actions.get(0))), "step s"))
                .isEqualTo(actions.get(0));
    }

    @Test
    void readsAnActionWrittenBeforeTagsModeReasonsAndDeclaredStateWereKept() throws Exception {
        JsonNode old = TREES.readTree("""
                {"rule":"cloudtrail-keep-logging","severity":"critical","action":"cloudtrail.start-logging",
                 "mode":"enforce","resource":"arn:aws:cloudtrail:us-east-1:123456789012:trail/org","outcome":"REMEDIATED",
                 "before":{"isLogging":"false"},"after":{"isLogging":"true"},
                 "undo":{"call":"StopLogging","name":"arn:aws:cloudtrail:us-east-1:123456789012:trail/org"},
                 "detail":"started logging"}""");

        ActionResult read = AuditJson.readAction(old, "record r");

        assertThat(read.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(read.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(read.undo().path("call").textValue()).isEqualTo("StopLogging");
        assertThat(read.tags()).isEmpty();
        assertThat(read.modeReason()).isEmpty();
        assertThat(read.declared()).isEmpty();
    }

    @Test
    void passesOverFieldsANewerBackstopAdded() throws Exception {
        ObjectNode newer = AuditJson.action(richRecord().actions().get(1)).put("confidence", "high");

        assertThat(AuditJson.readAction(newer, "record r")).isEqualTo(richRecord().actions().get(1));
    }

    @Test
    void refusesAnActionWithAModeItDoesNotKnowNamingTheRecordAndRule() {
        ObjectNode action = AuditJson.action(richRecord().actions().get(1)).put("mode", "sometimes");

        assertThatThrownBy(() -> AuditJson.readAction(action, "audit record c9e5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("audit record c9e5, rule s3-block-public: the action's mode 'sometimes' is none this Backstop knows");
    }

    @Test
    void refusesAnActionWithoutAnOutcomeOrWithAMapThatHoldsAnObject() {
        ObjectNode noOutcome = AuditJson.action(richRecord().actions().get(1));
        noOutcome.remove("outcome");
        ObjectNode nested = AuditJson.action(richRecord().actions().get(1));
        nested.putObject("before").putObject("acl");

        assertThatThrownBy(() -> AuditJson.readAction(noOutcome, "audit record c9e5"))
                .hasMessage("audit record c9e5, rule s3-block-public: an action has no outcome");
        assertThatThrownBy(() -> AuditJson.readAction(nested, "audit record c9e5"))
                .hasMessage("audit record c9e5, rule s3-block-public: the action's before.acl is not text but {}");
        assertThatThrownBy(() -> AuditJson.readActions(TREES.createObjectNode(), "audit record c9e5"))
                .hasMessage("audit record c9e5: its actions are not a JSON array");
    }

    /** Every kind of value the records hold: nulls, empties, maps, a nested undo, an alarm with changes, non-ASCII text. */
    private static AuditRecord richRecord() {
        ObjectNode undo = TREES.createObjectNode().put("undoVersion", 2).put("call", "DeleteFunctionConcurrency")
                .put("function", "checkout-api").put("reserved", 0);
        undo.putArray("layers").add("arn:aws:lambda:us-east-1:999999999999:layer:x:3").addNull();
        undo.putObject("weights").put("7", 0.25).put("8", 0.75);
        ActionResult full = new ActionResult("lambda-no-zero-concurrency", Severity.HIGH, "lambda.delete-concurrency",
                Mode.ENFORCE, "arn:aws:lambda:us-east-1:123456789012:function:checkout-api", Outcome.REMEDIATED,
                Map.of("reservedConcurrency", "0", "tagged", "yes"), Map.of("reservedConcurrency", "none"), undo,
                "removed the function's reserved concurrency of 0 \u2014 \"throttled\" \\ every call",
                Map.of("team", "payments", "backstop:mode", "enforce"), "the rule's when case team=payments held",
                "revert-and-tell: CloudFormation stack payments-api (ApiGroup)");
        ActionResult plain = new ActionResult("s3-block-public", Severity.LOW, "s3.block-public-access", Mode.DRY_RUN,
                "arn:aws:s3:::payments-exports", Outcome.WOULD_REMEDIATE, Map.of("blockPublicAcls", "false"), Map.of(),
                ActionResult.noUndo(), "would block public access");
        AlarmContext alarm = new AlarmContext("checkout-api p99 latency",
                "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-api p99 latency", "ALARM", null,
                "Threshold Crossed: 1 datapoint [2104.0] was greater than the threshold (2000.0).",
                List.of("checkout-api", "checkout-worker"),
                List.of(new RecentChange("deploy-1", "UpdateAlias20150331", "lambda.amazonaws.com", AT.minusSeconds(240),
                                "arn:aws:sts::123456789012:assumed-role/deployer/ci", "checkout-api", false),
                        new RecentChange("backstop-1", "PutFunctionConcurrency20171031", null, AT.minusNanos(1), null, null,
                                true)),
                null);
        return new AuditRecord("arn#" + AT, "e-1", "CloudWatch Alarm State Change", "aws.cloudwatch", "123456789012",
                "us-east-1", AT, AT.plusSeconds(2), "arn:aws:sts::123456789012:assumed-role/ops/jöns", "AssumedRole",
                "203.0.113.7", Outcome.REMEDIATED, "matched lambda-no-zero-concurrency", List.of(full, plain), alarm);
    }
}
