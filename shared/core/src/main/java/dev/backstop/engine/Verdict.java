package dev.backstop.engine;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** How a decision ended, before the trigger's steps say in its audit record what the trigger was. */
record Verdict(String auditId, Outcome outcome, String reason, List<ActionResult> actions, Instant decidedAt) {

    Verdict {
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(decidedAt, "decidedAt");
        actions = List.copyOf(actions);
    }
}
