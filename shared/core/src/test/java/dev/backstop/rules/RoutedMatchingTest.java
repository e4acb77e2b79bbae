package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.GenericMachine;

/**
 * Routed matching gives what one machine of all rules gives: over every sample event, the alarm
 * trees the alarm parser makes of them, and edits that put the routed fields in shapes routing
 * must leave to the machine of all rules.
 */
class RoutedMatchingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuleBook book = TestRules.loader(Instant.parse("2026-11-20T00:00:00Z"))
            .load(TestRules.withDefaultPack(new RuleText("routes.yaml", ROUTES)));

    @Test
    void everySampleEventMatchesTheRulesOneMachineOfAllRulesMatches() {
        List<JsonNode> events = events();
        GenericMachine<String> oneMachine = oneMachine(book);

        // Twice: a route's first event is matched against all rules, later ones against its own machine.
        for (int round = 0; round < 2; round++) {
            for (JsonNode event : events) {
                assertThat(ids(book.match(event))).as("%s", event).isEqualTo(sorted(oneMachine.rulesForJSONEvent(event)));
            }
        }
        assertThat(events).hasSizeGreaterThan(60);
        assertThat(events.stream().filter(event -> !book.match(event).isEmpty()).count()).isGreaterThan(30);
    }

    @Test
    void routesAPlainSourceAndEventNameAndLeavesOtherShapesToAllRules() {
        GenericMachine<String> all = GenericMachine.<String>builder().withOverridesForDuplicateRules(false).build();
        RoutedMachines<String> routed = new RoutedMachines<>(all, Map.of(
                "stop", "{\"source\": [\"aws.cloudtrail\"], \"detail\": {\"eventName\": [\"StopLogging\"]}}",
                "bucket", "{\"source\": [\"aws.s3\"]}",
                "any", "{\"detail\": {\"errorCode\": [{\"exists\": true}]}}"));
        ObjectNode stopLogging = SampleEvents.read("cloudtrail/stop-logging.json");

        assertThat(routed.machineFor(stopLogging)).isSameAs(all);
        assertThat(routed.machineFor(stopLogging)).isNotSameAs(all).isSameAs(routed.machineFor(stopLogging));
        assertThat(routed.machineFor(edited(stopLogging, event -> event.putArray("source").add("aws.cloudtrail"))))
                .isSameAs(all);
        assertThat(routed.machineFor(edited(stopLogging, event -> event.put("detail.eventName", "StopLogging"))))
                .isSameAs(all);
        assertThat(routed.machineFor(edited(stopLogging, event -> SampleEvents.detail(event).remove("eventName"))))
                .isSameAs(all);
    }

    @Test
    void aRouteThatAdmitsEveryRuleUsesTheMachineOfAllRules() {
        GenericMachine<String> all = GenericMachine.<String>builder().withOverridesForDuplicateRules(false).build();
        RoutedMachines<String> routed = new RoutedMachines<>(all, Map.of(
                "stop", "{\"source\": [\"aws.cloudtrail\"], \"detail\": {\"eventName\": [\"StopLogging\"]}}",
                "any", "{\"detail\": {\"errorCode\": [{\"exists\": true}]}}"));

        ObjectNode stopLogging = SampleEvents.read("cloudtrail/stop-logging.json");
        routed.machineFor(stopLogging);

        assertThat(routed.machineFor(stopLogging)).isSameAs(all);
    }

    @Test
    void eventsOfNamesNoRulePinsShareOneMachine() {
        GenericMachine<String> all = GenericMachine.<String>builder().withOverridesForDuplicateRules(false).build();
        RoutedMachines<String> routed = new RoutedMachines<>(all, Map.of(
                "stop", "{\"source\": [\"aws.cloudtrail\"], \"detail\": {\"eventName\": [\"StopLogging\"]}}",
                "trail", "{\"source\": [\"aws.cloudtrail\"]}",
                "bucket", "{\"source\": [\"aws.s3\"]}"));
        ObjectNode stopLogging = SampleEvents.read("cloudtrail/stop-logging.json");

        ObjectNode a = edited(stopLogging, event -> SampleEvents.detail(event).put("eventName", "A"));
        ObjectNode b = edited(stopLogging, event -> SampleEvents.detail(event).put("eventName", "B"));
        routed.machineFor(a);
        routed.machineFor(stopLogging);

        assertThat(routed.machineFor(b)).isNotSameAs(all).isSameAs(routed.machineFor(a))
                .isNotSameAs(routed.machineFor(stopLogging));
    }

    /** The machine RuleBook matched parsed events against before routing, built the same way. */
    static GenericMachine<String> oneMachine(RuleBook book) {
        GenericMachine<String> machine = GenericMachine.<String>builder().withOverridesForDuplicateRules(false).build();
        for (Rule rule : book.rules()) {
            try {
                machine.addRule(rule.id(), rule.pattern());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return machine;
    }

    static List<String> ids(List<Rule> rules) {
        return rules.stream().map(Rule::id).toList();
    }

    static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }

    /** Every sample under events/, each alarm tree parsed from them, and edits of the routed fields. */
    private static List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        AlarmPayloadParser alarms = new AlarmPayloadParser();
        for (Path file : sampleFiles()) {
            JsonNode event = read(file);
            events.add(event);
            for (AlarmPayloadParser.Entry entry : alarms.read(event)) {
                if (entry.alarm() != null) {
                    events.add(entry.alarm().tree());
                }
            }
            if (event.isObject() && event.get("detail") instanceof ObjectNode) {
                events.addAll(edits((ObjectNode) event));
            }
        }
        return events;
    }

    private static List<JsonNode> edits(ObjectNode event) {
        String name = event.path("detail").path("eventName").asText("StopLogging");
        return List.of(
                edited(event, e -> SampleEvents.detail(e).putArray("eventName").add("Other").add(name)),
                edited(event, e -> SampleEvents.detail(e).put("eventName", "NoRuleNamesThis")),
                edited(event, e -> SampleEvents.detail(e).put("eventName", name.toUpperCase(java.util.Locale.ROOT))),
                edited(event, e -> SampleEvents.detail(e).put("eventName", 7)),
                edited(event, e -> SampleEvents.detail(e).remove("eventName")),
                edited(event, e -> e.put("detail.eventName", name).with("detail").put("eventName", "Other")),
                edited(event, e -> e.putArray("source").add("aws.other").add(e.path("source").asText())),
                edited(event, e -> e.put("source", "aws.other")),
                edited(event, e -> e.remove("source")),
                edited(event, e -> e.putArray("detail").addObject().put("eventName", name)));
    }

    private static ObjectNode edited(ObjectNode event, java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode copy = event.deepCopy();
        edit.accept(copy);
        return copy;
    }

    private static List<Path> sampleFiles() {
        try (Stream<Path> files = Files.walk(SampleEvents.path(""))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rules routing must judge: pinned by source only, by name only, in $or branches, or not at all. */
    private static final String ROUTES = """
            version: 1
            rules:
              - id: any-failed-trail-call
                description: pins the source only
                severity: low
                mode: notify
                match:
                  source: [aws.cloudtrail]
                  detail: {errorCode: [{exists: true}]}
                actions: [{action: cloudtrail.start-logging}]
              - id: stop-logging-anywhere
                description: pins the event name only
                severity: low
                mode: notify
                match:
                  detail: {eventName: [StopLogging, DeleteTrail]}
                actions: [{action: cloudtrail.start-logging}]
              - id: names-in-branches
                description: names the event name only in $or branches
                severity: low
                mode: notify
                match:
                  source: [aws.cloudtrail, aws.s3]
                  $or: [{detail: {eventName: [StopLogging]}}, {detail: {eventName: [PutBucketPolicy]}}]
                actions: [{action: cloudtrail.start-logging}]
              - id: any-case
                description: equals-ignore-case and prefix do not pin
                severity: low
                mode: notify
                match:
                  source: [{prefix: aws.}]
                  detail: {eventName: [{equals-ignore-case: stoplogging}]}
                actions: [{action: cloudtrail.start-logging}]
              - id: not-a-role
                description: pins nothing
                severity: low
                mode: notify
                match:
                  detail: {userIdentity: {type: [{anything-but: [AssumedRole]}]}}
                actions: [{action: cloudtrail.start-logging}]
              - id: alarm-state
                description: pins the alarm source, no event name
                severity: low
                mode: notify
                match:
                  source: [aws.cloudwatch]
                  detail: {state: {value: [ALARM]}}
                actions: [{action: cloudtrail.start-logging}]
            """;
}
