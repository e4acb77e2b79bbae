package dev.backstop.engine;

import dev.backstop.event.UserIdentity;
import dev.backstop.rules.ArnGlob;
import dev.backstop.rules.RoleSession;
import java.util.List;
import java.util.Optional;

/**
 * Principals Backstop treats as its own or protected: ARN patterns (matched part by part, as IAM's
 * ArnLike does) against a caller and its session issuer, or against a target that must never be
 * changed (Backstop's own roles and the deployment's ProtectedPrincipalArns); and exact role
 * sessions, Backstop's own in the member accounts, against a caller.
 */
public final class PrincipalPatterns {

    private final List<ArnGlob> globs;
    private final List<RoleSession> sessions;

    public PrincipalPatterns(List<String> globs) {
        this(globs, List.of());
    }

    PrincipalPatterns(List<String> globs, List<RoleSession> sessions) {
        this.globs = globs.stream().map(ArnGlob::new).toList();
        this.sessions = List.copyOf(sessions);
    }

    /** True for a resource ARN that one of the patterns names, such as a protected role. */
    boolean matches(String arn) {
        return globs.stream().anyMatch(glob -> glob.matches(arn));
    }

    boolean matches(UserIdentity identity) {
        return globs.stream().anyMatch(glob -> glob.matches(identity))
                || sessions.stream().anyMatch(session -> session.matches(identity));
    }

    /** Why an action must not change the resource, when the patterns protect it. */
    public Optional<String> refusal(String resource) {
        return matches(resource)
                ? Optional.of("refused: protected principal " + resource
                        + " (Backstop's own roles and ProtectedPrincipalArns are never changed)")
                : Optional.empty();
    }
}
