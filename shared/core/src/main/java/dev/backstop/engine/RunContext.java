package dev.backstop.engine;

import dev.backstop.rules.Directives;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an action's run knows beyond its rule and trigger: what the rule files say beside their
 * rules, and when a veto window that opens now ends.
 *
 * @param vetoDue when the rule's veto window would end, for an enforcing step; empty when the rule
 *     has none or the window has passed (the run at the due time)
 */
record RunContext(Directives directives, Optional<Instant> vetoDue) {

    RunContext {
        Objects.requireNonNull(directives, "directives");
        Objects.requireNonNull(vetoDue, "vetoDue");
    }
}
