package dev.backstop.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * An exemption that someone owns, for a reason, until it expires: for one principal, account or
 * resource (ARN patterns with {@code *} for principal and resource).
 */
public record TimeBoxedExemption(String principal, String account, String resource, String owner, String reason,
        Instant expires) {

    public TimeBoxedExemption {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expires, "expires");
    }

    boolean activeAt(Instant now) {
        return now.isBefore(expires);
    }

    String describe() {
        String target = principal != null ? "principal " + principal
                : account != null ? "account " + account : "resource " + resource;
        return "time-boxed exemption for " + target + " until " + expires + " (owner " + owner + ": " + reason + ")";
    }
}
