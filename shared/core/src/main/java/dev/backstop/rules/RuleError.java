package dev.backstop.rules;

/**
 * One problem in a rule file, printed as {@code FILE:LINE: rule RULE-ID: FIELD: message}.
 *
 * @param ruleId the rule's id, or {@code -} for a problem outside any rule
 * @param field the path of the field inside the rule (or the file), such as {@code actions[0].params.ports}
 */
public record RuleError(String file, int line, String ruleId, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": rule " + ruleId + ": " + field + ": " + message;
    }
}
