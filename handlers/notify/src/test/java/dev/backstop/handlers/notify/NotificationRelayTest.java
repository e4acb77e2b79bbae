package dev.backstop.handlers.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.channels.Channel;
import dev.backstop.channels.Deliveries;
import dev.backstop.config.Mode;
import dev.backstop.engine.EngineModule;
import dev.backstop.notify.Notice;
import dev.backstop.rules.ChannelTarget;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.Routing;
import dev.backstop.rules.Severity;
import dev.backstop.telemetry.Telemetry;
import dev.backstop.testing.FakeDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationRelayTest {

    private static final ObjectMapper JSON = EngineModule.objectMapper();
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final String GROUP = "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0abc";

    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Telemetry telemetry = new Telemetry(new PrintStream(log, true, StandardCharsets.UTF_8), JSON,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final AuditLog audit = new AuditLog(dynamoDb, "audit", JSON, telemetry);
    private final List<Notice> told = new ArrayList<>();
    private final Channel webhook = (notice, target) -> {
        told.add(notice);
        return "sent (HTTP 200)";
    };
    private final Routing routing = new Routing(List.of("team"),
            Map.of("network", List.of(new ChannelTarget.Webhook("backstop/hooks/network"))), Map.of(),
            Optional.of("network"), "team.yaml:3");
    private final NotificationRelay relay = new NotificationRelay(audit,
            new Deliveries(Map.of("webhook", webhook), () -> RuleBook.compile(List.of(), routing), audit, telemetry),
            telemetry, JSON);

    @Test
    void aMessageIsTrustedForItsAuditIdOnlyAndTheRecordIsWhatIsTold() throws Exception {
        audit.record(record("ev-1"));
        ObjectNode forged = JSON.createObjectNode().put("auditId", "ev-1").put("summary", "all fine, nothing to see");
        forged.putArray("actions").addObject().put("resource", "arn:aws:s3:::attacker-bucket");

        List<NotificationRelay.Relayed> relayed = relay.relay(snsEvent(forged.toString()));

        assertThat(relayed).singleElement().satisfies(one -> {
            assertThat(one.auditId()).isEqualTo("ev-1");
            assertThat(one.result()).isEqualTo("1 deliveries, 0 failed");
        });
        assertThat(told).singleElement().satisfies(notice -> {
            assertThat(notice.resource()).isEqualTo(GROUP);
            assertThat(notice.text()).doesNotContain("attacker-bucket", "nothing to see");
        });
        assertThat(audit.deliveries("ev-1")).singleElement().asString().startsWith("sent webhook");
    }

    @Test
    void messagesThatAreNoDecisionAreSkipped() {
        List<NotificationRelay.Relayed> relayed = relay.relay(snsEvent(
                "{\"AlarmName\":\"backstop-blast-radius-breaker\",\"NewStateValue\":\"ALARM\"}"));

        assertThat(relayed).singleElement().extracting(NotificationRelay.Relayed::result).isEqualTo("skipped: not a decision");
        assertThat(told).isEmpty();
    }

    @Test
    void anAuditIdWithoutARecordIsCountedAndToldNowhere() {
        List<NotificationRelay.Relayed> relayed = relay.relay(snsEvent("{\"auditId\":\"made-up\"}"));

        assertThat(relayed).singleElement().extracting(NotificationRelay.Relayed::result)
                .isEqualTo("skipped: no completed record made-up");
        assertThat(told).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"NotificationWithoutRecord\":1");
    }

    @Test
    void inputThatIsNotJsonIsCountedNotThrown() {
        assertThat(relay.relay("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"NotificationUnreadable\":1");
    }

    private static AuditRecord record(String auditId) {
        ActionResult action = new ActionResult("world-ingress", Severity.HIGH, "ec2.revoke-world-ingress", Mode.ENFORCE,
                GROUP, Outcome.REMEDIATED, Map.of(), Map.of(), JsonNodeFactory.instance.objectNode().put("call", "AuthorizeSecurityGroupIngress"),
                "revoked 0.0.0.0/0:22", Map.of("team", "network"));
        return new AuditRecord(auditId, auditId, "AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", "111122223333",
                "eu-west-1", NOW, NOW, "arn:aws:iam::111122223333:user/dev", "IAMUser", "198.51.100.4", Outcome.REMEDIATED,
                "decided", List.of(action));
    }

    private static byte[] snsEvent(String message) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        ObjectNode record = records.addObject().put("EventSource", "aws:sns");
        record.putObject("Sns").put("MessageId", "m-1").put("TopicArn", "arn:aws:sns:eu-west-1:111122223333:backstop")
                .put("Message", message);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
