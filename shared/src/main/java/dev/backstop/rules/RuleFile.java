package dev.backstop.rules;

import dev.backstop.config.Mode;
import java.util.List;
import java.util.Map;

/** What one valid rule file says: its rules, and the modes it sets for rules of earlier files. */
record RuleFile(String name, List<Rule> rules, Map<String, Override> overrides) {

    /** A mode set for a rule another file defines, with where it was said. */
    record Override(Mode mode, int line) {
    }
}
