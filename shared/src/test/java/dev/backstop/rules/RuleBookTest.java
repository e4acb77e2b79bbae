package dev.backstop.rules;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.config.Mode;
import dev.backstop.testing.TestRules;
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
    void findsRulesById() {
        assertThat(shipped.find("cloudtrail-logging-stopped")).get().extracting(Rule::mode).isEqualTo(Mode.ENFORCE);
        assertThat(shipped.find("no-such-rule")).isEmpty();
    }

    @Test
    void refusesTwoRulesWithOneId() {
        Rule rule = shipped.rules().get(0);

        assertThatThrownBy(() -> RuleBook.compile(List.of(rule, rule)))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("rule cloudtrail-logging-stopped: id: is used by more than one rule");
    }
}
