package dev.backstop.rules;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.edited;
import static dev.backstop.testing.SampleEvents.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.config.Mode;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.testing.TestRules;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBookTest {

    private final RuleBook shipped = TestRules.defaultPack();

    @Test
    void theStopLoggingRuleMatchesASuccessfulStopLogging() {
        assertThat(shipped.match(read("cloudtrail/stop-logging.json").toString()))
                .extracting(Rule::id).containsExactly("cloudtrail-logging-stopped");
    }

    @Test
    void theStopLoggingRuleIgnoresAFailedCall() {
        assertThat(shipped.match(read("cloudtrail/stop-logging-denied.json").toString())).isEmpty();
    }

    @Test
    void theStopLoggingRuleIgnoresOtherCloudTrailCalls() {
        ObjectNode event = read("cloudtrail/stop-logging.json");
        detail(event).put("eventName", "StartLogging");

        assertThat(shipped.match(event.toString())).isEmpty();
    }

    @Test
    void matchingTheParsedEventAgreesWithMatchingItsText() {
        RuleBook book = TestRules.loader(Instant.parse("2026-11-20T00:00:00Z")).load(TestRules.withDefaultPack(
                new RuleText("kinds.yaml", KINDS_OF_PATTERN)));
        CloudTrailEventParser parser = new CloudTrailEventParser();
        List<byte[]> events = List.of(
                edited("cloudtrail/stop-logging.json", event -> { }),
                edited("cloudtrail/stop-logging-denied.json", event -> { }),
                edited("cloudtrail/stop-logging.json", event -> detail(event).put("eventName", "StartLogging")),
                edited("cloudtrail/stop-logging.json", event -> detail(event).put("eventName", "PutEventSelectors")
                        .put("sourceIPAddress", "10.1.2.3")),
                edited("cloudtrail/stop-logging.json", event -> detail(event).putObject("requestParameters")
                        .put("fromPort", 22).put("toPort", 22.0).putArray("cidrs").add("0.0.0.0/0").add("10.0.0.0/8")),
                edited("cloudtrail/stop-logging.json", event -> ((ObjectNode) detail(event).get("userIdentity"))
                        .put("type", "Root")));

        for (byte[] payload : events) {
            CloudTrailEvent event = parser.parse(payload);
            assertThat(book.match(event)).isEqualTo(book.match(event.json()));
        }
        assertThat(events.stream().map(parser::parse).map(book::match).filter(matched -> !matched.isEmpty()).count())
                .isEqualTo(6);
    }

    private static final String KINDS_OF_PATTERN = """
            version: 1
            rules:
              - id: put-anything
                description: one kind of pattern
                severity: low
                mode: notify
                match:
                  detail: {eventName: [{prefix: Put}], sourceIPAddress: [{cidr: 10.0.0.0/8}]}
                actions: [{action: cloudtrail.start-logging}]
              - id: ssh-open
                description: one kind of pattern
                severity: high
                mode: notify
                match:
                  detail:
                    requestParameters: {fromPort: [{numeric: ["<=", 22]}], toPort: [{numeric: [">=", 22]}], cidrs: [0.0.0.0/0]}
                actions: [{action: cloudtrail.start-logging}]
              - id: not-a-role
                description: one kind of pattern
                severity: medium
                mode: notify
                match:
                  detail: {userIdentity: {type: [{anything-but: [AssumedRole]}]}, errorCode: [{exists: false}]}
                actions: [{action: cloudtrail.start-logging}]
              - id: any-trail-change
                description: one kind of pattern
                severity: low
                mode: notify
                match:
                  source: [aws.cloudtrail]
                  $or: [{detail: {eventName: [StartLogging]}}, {detail: {errorCode: [{exists: true}]}}]
                actions: [{action: cloudtrail.start-logging}]
            """;

    @Test
    void findsRulesById() {
        assertThat(shipped.find("cloudtrail-logging-stopped")).get().extracting(Rule::mode).isEqualTo(Mode.ENFORCE);
        assertThat(shipped.find("no-such-rule")).isEmpty();
    }

    @Test
    void refusesTwoRulesWithOneId() {
        Rule rule = shipped.find("cloudtrail-logging-stopped").orElseThrow();

        assertThatThrownBy(() -> RuleBook.compile(List.of(rule, rule)))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("rule cloudtrail-logging-stopped: id: is used by more than one rule");
    }

    @Test
    void givesEachRulesExactSourceAndEventNamePinsForQueriesPushedDownToTheData() {
        java.util.Map<String, ExactPins> pins = shipped.pins();

        assertThat(pins.get("cloudtrail-logging-stopped"))
                .isEqualTo(new ExactPins(java.util.Set.of("aws.cloudtrail"), java.util.Set.of("StopLogging")));
        assertThat(pins.get("iam-access-key-unexpected-network")).isEqualTo(new ExactPins(null, null));
        assertThat(pins.keySet()).containsExactlyElementsOf(shipped.rules().stream().map(Rule::id).toList());
    }
}
