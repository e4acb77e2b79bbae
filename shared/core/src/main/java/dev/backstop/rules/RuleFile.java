package dev.backstop.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one rule file says: its rules, and the modes it sets for rules of earlier files.
 *
 * @param rules the rules without errors
 * @param declaredIds the ids of all its rules, with errors or without
 * @param routing its {@code notify} section if it has one (empty also when the section has errors),
 *     and likewise its {@code organization}, {@code pipelines} and {@code kill-switch} sections
 */
record RuleFile(String name, List<Rule> rules, Set<String> declaredIds, Map<String, Override> overrides,
        Optional<Routing> routing, Optional<Organization> organization, Optional<Pipelines> pipelines,
        Optional<KillSwitch> killSwitch) {

    /** A mode, fixed or stepped, set for a rule another file defines, with where it was said. */
    record Override(ModePolicy modes, int line) {
    }
}
