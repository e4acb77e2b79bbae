package dev.backstop.breaker;

import java.util.Objects;

/**
 * What the breakers count one enforcing action by: the account it acts in (and its region, where
 * the breaker's audit records are chained), the rule, the principal whose call it answers (null for
 * an alarm, which has none) and the resource it changes.
 */
public record ActionScope(String account, String region, String rule, String principal, String resource) {

    public ActionScope {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(resource, "resource");
    }
}
