package dev.backstop.cli.selfcheck;

import dev.backstop.config.RulesLocation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The deployment selfcheck reads, as its options and the environment name it. What is not named is
 * found by the names template.yaml gives it ({@code STACK-AuditTable-*} and so on).
 *
 * @param homeAccount the account the stack runs in, whose heartbeat is checked with the members'
 * @param members the allowed member accounts, checked through the member role
 * @param heartbeatWithin how recent the canary's last heartbeat must be
 */
record SelfCheckTarget(String stack, Optional<String> table, Optional<String> topicArn, Optional<String> queueUrl,
        Optional<RulesLocation> anchor, Optional<RulesLocation> rules, String homeAccount, List<String> members,
        String forwardRulePrefix, Duration heartbeatWithin) {

    SelfCheckTarget {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(homeAccount, "homeAccount");
        members = List.copyOf(members);
        if (heartbeatWithin.isNegative() || heartbeatWithin.isZero()) {
            throw new IllegalArgumentException("--heartbeat-within: expected a positive duration");
        }
    }

    /** The names CloudFormation gives a logical id of the stack begin with this. */
    String generatedPrefix(String logicalId) {
        return stack + "-" + logicalId + "-";
    }

    /** The template's explicit names (functions, EventBridge rules, alarms) begin with this. */
    String namePrefix() {
        return stack + "-";
    }
}
