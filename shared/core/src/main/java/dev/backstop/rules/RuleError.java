package dev.backstop.rules;

import dev.backstop.text.Shown;

/**
 * One problem in a rule file, printed as {@code FILE:LINE: rule RULE-ID: FIELD: message}.
 *
 * @param ruleId the rule's id, or {@code -} for a problem outside any rule
 * @param field the path of the field inside the rule (or the file), such as {@code actions[0].params.ports}
 */
public record RuleError(String file, int line, String ruleId, String field, String message) {

    /** One line, whatever the file holds: a rule id or a field named in it is escaped and cut short. */
    @Override
    public String toString() {
        return Shown.escaped(file) + ":" + line + ": rule " + Shown.truncated(ruleId) + ": " + Shown.truncated(field, Shown.MESSAGE)
                + ": " + Shown.escaped(message);
    }
}
