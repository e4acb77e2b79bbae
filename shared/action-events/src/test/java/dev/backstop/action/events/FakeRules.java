package dev.backstop.action.events;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.DisableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DisableRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EnableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.EnableRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/**
 * EventBridge rules at the SDK edge, by bus and name, as AWS documents it: a request without a
 * bus means the default bus, and a rule that is not there is {@code ResourceNotFoundException}.
 */
final class FakeRules implements EventBridgeClient {

    private final Map<String, RuleState> rules = new LinkedHashMap<>();

    FakeRules rule(String bus, String name, RuleState state) {
        rules.put(key(bus, name), state);
        return this;
    }

    RuleState stateOf(String bus, String name) {
        return rules.get(key(bus, name));
    }

    @Override
    public DescribeRuleResponse describeRule(DescribeRuleRequest request) {
        return DescribeRuleResponse.builder().name(request.name()).eventBusName(bus(request.eventBusName()))
                .state(existing(request.eventBusName(), request.name())).build();
    }

    @Override
    public EnableRuleResponse enableRule(EnableRuleRequest request) {
        existing(request.eventBusName(), request.name());
        rules.put(key(request.eventBusName(), request.name()), RuleState.ENABLED);
        return EnableRuleResponse.builder().build();
    }

    @Override
    public DisableRuleResponse disableRule(DisableRuleRequest request) {
        existing(request.eventBusName(), request.name());
        rules.put(key(request.eventBusName(), request.name()), RuleState.DISABLED);
        return DisableRuleResponse.builder().build();
    }

    private RuleState existing(String bus, String name) {
        RuleState state = rules.get(key(bus, name));
        if (state == null) {
            throw ResourceNotFoundException.builder().statusCode(400)
                    .message("Rule " + name + " does not exist on EventBus " + bus(bus) + ".").build();
        }
        return state;
    }

    private static String key(String bus, String name) {
        return bus(bus) + "/" + name;
    }

    private static String bus(String bus) {
        return bus == null ? "default" : bus;
    }

    @Override
    public String serviceName() {
        return "events";
    }

    @Override
    public void close() {
    }
}
