package dev.backstop.rules;

/** A rule that cannot be used; the message names the rule and the field. */
public final class InvalidRuleException extends RuntimeException {

    public InvalidRuleException(String ruleId, String field, String problem) {
        super("rule " + ruleId + ": " + field + ": " + problem);
    }
}
