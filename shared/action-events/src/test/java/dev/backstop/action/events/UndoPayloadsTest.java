package dev.backstop.action.events;

import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.UndoGolden;
import dev.backstop.testing.UndoGolden.Applied;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/**
 * The undo data the EventBridge action stores, against golden files of every version it was
 * stored in (version 1 as the action wrote it before undo data was typed), and undone from each.
 */
class UndoPayloadsTest {

    @Test
    void enableRuleIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(EnableRuleAction.NAME, EnableRuleUndo.FORMAT, () -> {
            // Backstop's trail rule, disabled as the self-watch sample event has it.
            FakeRules rules = new FakeRules().rule("default", "backstop-trails", RuleState.DISABLED);
            var action = new EnableRuleAction(rules, Optional.of(new OwnResources(
                    List.of("arn:aws:events:us-east-1:123456789012:rule/backstop-*"))));
            var event = new CloudTrailEventParser()
                    .delivery(SampleEvents.edited("selfwatch/disable-rule.json", e -> { })).trigger();
            return Applied.apply(action, action.plan(event, new ActionSpec(EnableRuleAction.NAME, Map.of())),
                    () -> rules.stateOf("default", "backstop-trails"));
        });
    }
}
