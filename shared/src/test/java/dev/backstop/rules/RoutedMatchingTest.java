package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.config.Mode;
import dev.backstop.testing.SampleEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.GenericMachine;

/**
 * Routing is only a shortcut: for every event, {@link RuleBook} must find exactly the rules one
 * Event Ruler machine of all the rules finds. Patterns of every kind, some routed and some not,
 * against every sample event and variations made to trip routing up.
 */
class RoutedMatchingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> PATTERNS = List.of(
            "{\"detail\":{\"eventName\":[\"StopLogging\"],\"errorCode\":[{\"exists\":false}]}}",
            "{\"source\":[\"aws.cloudtrail\"],\"detail\":{\"eventName\":[\"StartLogging\",\"StopLogging\"]}}",
            "{\"detail\":{\"eventName\":[{\"equals-ignore-case\":\"stoplogging\"}]}}",
            "{\"detail\":{\"eventName\":[\"STOPLOGGING\"]}}",
            "{\"detail\":{\"eventName\":[{\"prefix\":\"Stop\"}]}}",
            "{\"detail\":{\"eventName\":[{\"anything-but\":[\"StopLogging\"]}]}}",
            "{\"detail\":{\"eventName\":[\"CreateAccessKey\",{\"prefix\":\"Attach\"}]}}",
            "{\"detail\":{\"eventSource\":[\"iam.amazonaws.com\"],\"eventName\":[{\"prefix\":\"Attach\"}]}}",
            "{\"detail\":{\"$or\":[{\"eventName\":[\"DeleteTrail\"]},"
                    + "{\"eventSource\":[\"cloudtrail.amazonaws.com\"],\"errorCode\":[{\"exists\":true}]}]}}",
            "{\"$or\":[{\"detail\":{\"eventName\":[\"PutBucketAcl\"]}},{\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}}}]}",
            "{\"detail.eventName\":[\"StopLogging\"]}",
            "{\"detail\":{\"sourceIPAddress\":[\"203.0.113.7\"]}}",
            "{\"detail\":{\"eventName\":[\"10.0.0.1\"]}}",
            "{\"source\":[\"aws.cloudwatch\"],\"detail-type\":[\"CloudWatch Alarm State Change\"]}",
            "{\"source\":[\"aws.cloudwatch\"],\"detail\":{\"alarmName\":[\"my alarm\"],\"state\":{\"value\":[\"ALARM\"]}}}",
            "{\"detail\":{\"alarmName\":[{\"prefix\":\"my\"}]}}",
            "{\"detail\":{\"eventName\":[{\"wildcard\":\"*Logging\"}],\"userIdentity\":{\"type\":[\"AssumedRole\"]}}}",
            "{\"detail\":{\"eventName\":[\"ConsoleLogin\"],\"additionalEventData\":{\"MFAUsed\":[\"No\"]}}}");

    @Test
    void findsWhatOneMachineOfAllRulesFinds() throws Exception {
        RuleBook book = RuleBook.compile(IntStream.range(0, PATTERNS.size()).mapToObj(RoutedMatchingTest::rule).toList());
        GenericMachine<String> one = GenericMachine.<String>builder().withOverridesForDuplicateRules(false).build();
        for (int i = 0; i < PATTERNS.size(); i++) {
            one.addRule(id(i), PATTERNS.get(i));
        }

        List<String> events = events();
        int matchedSomething = 0;
        for (String event : events) {
            List<String> expected = one.rulesForJSONEvent(event).stream().sorted().toList();
            assertThat(book.match(event)).extracting(Rule::id).as("text %s", event).isEqualTo(expected);
            assertThat(book.match(JSON.readTree(event))).extracting(Rule::id).as("tree %s", event).isEqualTo(expected);
            matchedSomething += expected.isEmpty() ? 0 : 1;
        }
        assertThat(matchedSomething).as("events that match some rule").isGreaterThan(events.size() / 2);
    }

    @Test
    void aKeyGivenTwiceInTheTextIsRoutedOnBothValues() {
        RuleBook book = RuleBook.compile(List.of(rule(0)));

        assertThat(book.match("{\"detail\":{\"eventName\":\"StopLogging\",\"eventName\":\"Other\"}}"))
                .extracting(Rule::id).containsExactly(id(0));
    }

    private static List<String> events() throws IOException {
        List<String> events = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SampleEvents.path("."))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                ObjectNode event = (ObjectNode) JSON.readTree(file.toFile());
                events.add(event.toString());
                events.addAll(variations(event));
            }
        }
        events.add("{\"source\":\"aws.cloudwatch\",\"detail-type\":\"CloudWatch Alarm State Change\","
                + "\"detail\":{\"alarmName\":\"my alarm\",\"state\":{\"value\":\"ALARM\"}}}");
        events.add("{\"source\":\"aws.cloudwatch\",\"detail\":{\"alarmName\":\"my other alarm\"}}");
        events.add("{\"source\":\"aws.cloudtrail\",\"detail.eventName\":\"StopLogging\"}");
        events.add("{\"detail\":[{\"eventName\":\"Describe\"},{\"eventName\":[\"StopLogging\"]}]}");
        events.add("{\"detail\":{\"eventName\":42,\"sourceIPAddress\":\"203.0.113.7\"}}");
        events.add("{\"detail\":{\"eventName\":null}}");
        events.add("{\"detail\":{\"eventName\":\"10.0.0.1\"}}");
        events.add("{}");
        return events;
    }

    /** The event with its name in other cases, moved under a dotted key, and wrapped in an array. */
    private static List<String> variations(ObjectNode event) {
        JsonNode detail = event.path("detail");
        String name = detail.path("eventName").asText();
        List<String> variations = new ArrayList<>();
        for (String other : List.of(name.toUpperCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT))) {
            ObjectNode copy = event.deepCopy();
            ((ObjectNode) copy.path("detail")).put("eventName", other);
            variations.add(copy.toString());
        }
        ObjectNode dotted = event.deepCopy();
        dotted.remove("detail");
        dotted.set("detail.eventName", detail.path("eventName"));
        variations.add(dotted.toString());
        ObjectNode wrapped = event.deepCopy();
        wrapped.putArray("detail").add(detail);
        variations.add(wrapped.toString());
        return variations;
    }

    private static Rule rule(int i) {
        return new Rule(id(i), "pattern " + i, Severity.LOW, PATTERNS.get(i), Exemptions.none(), List.of(), Mode.NOTIFY,
                "test.yaml", i + 1);
    }

    private static String id(int i) {
        return String.format("rule-%02d", i);
    }
}
