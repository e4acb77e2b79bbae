package dev.backstop.rules;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.config.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBookTest {

    private final RuleBook builtIn = RuleBook.compile(BuiltInRules.all());

    @Test
    void theStopLoggingRuleMatchesASuccessfulStopLogging() {
        assertThat(builtIn.match(read("cloudtrail/stop-logging.json").toString()))
                .extracting(Rule::id).containsExactly(BuiltInRules.TRAIL_LOGGING_STOPPED);
    }

    @Test
    void theStopLoggingRuleIgnoresAFailedCall() {
        assertThat(builtIn.match(read("cloudtrail/stop-logging-denied.json").toString())).isEmpty();
    }

    @Test
    void theStopLoggingRuleIgnoresOtherCloudTrailCalls() {
        ObjectNode event = read("cloudtrail/stop-logging.json");
        detail(event).put("eventName", "StartLogging");

        assertThat(builtIn.match(event.toString())).isEmpty();
    }

    @Test
    void rejectsTwoRulesWithOneId() {
        Rule rule = BuiltInRules.all().get(0);

        assertThatThrownBy(() -> RuleBook.compile(List.of(rule, rule)))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("rule cloudtrail-logging-stopped: id: is used by more than one rule");
    }

    @Test
    void rejectsAnInvalidPatternNamingTheRule() {
        Rule broken = new Rule("broken", "", Severity.LOW, "{\"source\": \"aws.s3\"}", List.of(), Mode.ENFORCE);

        assertThatThrownBy(() -> RuleBook.compile(List.of(broken)))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("rule broken: match: ");
    }
}
