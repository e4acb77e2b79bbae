package dev.backstop.action.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.action.ActionRefusedException;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.SampleEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Which rules the action is for; the emulators show the change itself (SelfWatchIT). No call is made here. */
class EnableRuleActionTest {

    private static final ActionSpec SPEC = new ActionSpec(EnableRuleAction.NAME, Map.of());
    private static final OwnResources OWN = new OwnResources(List.of("arn:aws:events:us-east-1:123456789012:rule/backstop-*"));
    // Never called: appliesTo and a refused plan read nothing.
    private static final EventBridgeClient UNUSED = EventBridgeClient.builder()
            .region(software.amazon.awssdk.regions.Region.US_EAST_1).build();

    private static CloudTrailEvent disabled(String name, String bus) {
        byte[] payload = SampleEvents.edited("selfwatch/disable-rule.json", event -> {
            ObjectNode request = (ObjectNode) event.path("detail").path("requestParameters");
            request.put("name", name);
            if (bus != null) {
                request.put("eventBusName", bus);
            }
        });
        return (CloudTrailEvent) new CloudTrailEventParser().delivery(payload).trigger();
    }

    @Test
    void appliesToBackstopsOwnRulesOnly() {
        EnableRuleAction action = new EnableRuleAction(UNUSED, Optional.of(OWN));

        assertThat(action.appliesTo(disabled("backstop-trails", null), SPEC)).isTrue();
        assertThat(action.appliesTo(disabled("someone-elses", null), SPEC)).isFalse();
        assertThat(action.appliesTo(disabled("backstop-trails", "arn:aws:events:us-east-1:123456789012:event-bus/other"),
                SPEC)).as("a same-named rule on another bus is another rule").isFalse();
    }

    @Test
    void withoutOwnResourcesItAppliesToNothingAndRefusesToPlan() {
        EnableRuleAction action = new EnableRuleAction(UNUSED, Optional.empty());

        assertThat(action.appliesTo(disabled("backstop-trails", null), SPEC)).isFalse();
        assertThatThrownBy(() -> action.plan(disabled("backstop-trails", null), SPEC))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("not one of Backstop's own rules");
    }
}
