package dev.backstop.cli.backtest;

import dev.backstop.config.Mode;
import java.time.Instant;
import java.util.Objects;

/**
 * What the handler would have done with one action of one rule for one replayed event.
 *
 * @param principal the caller as the audit record names it
 * @param resource the resource the event names, which the action would have looked up
 * @param reason why: the exemption, the breaker, the protected principal, or the change in words
 */
record Decision(Instant time, String eventId, String eventName, String account, String region, String principal,
        String rule, String action, String resource, Mode mode, Verdict verdict, String reason) {

    Decision {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    /** The same decision with the verdict the breakers gave it. */
    Decision held(Verdict newVerdict, String newReason) {
        return new Decision(time, eventId, eventName, account, region, principal, rule, action, resource, mode, newVerdict,
                newReason);
    }

    /** The rule and action this is a decision of, the key two packs' decisions are compared by. */
    String step() {
        return rule + " " + action;
    }
}
