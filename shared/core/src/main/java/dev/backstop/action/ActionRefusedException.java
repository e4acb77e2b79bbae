package dev.backstop.action;

import dev.backstop.event.Trigger;
import java.util.Objects;

/**
 * Thrown by {@link RemediationAction#plan} when the action must not or cannot act on the target it
 * found, such as the account root user or an access key only its owner can change. The engine
 * audits it as FAILED with the detail {@code "refused: <reason>"}: the risky change stands, so a
 * person has to look.
 */
public final class ActionRefusedException extends RuntimeException {

    private final String resource;

    /**
     * @param resource the target the action refused, as the audit record names resources
     * @param reason why, in words a person acts on
     */
    public ActionRefusedException(String resource, String reason) {
        super(reason);
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** For a kind of trigger the action does not answer (the engine never asks it to). */
    public static ActionRefusedException unanswered(Trigger trigger) {
        return new ActionRefusedException(trigger.id(), "this action does not answer " + trigger.summary());
    }

    public String resource() {
        return resource;
    }
}
