package dev.backstop.engine;

import dev.backstop.event.UserIdentity;
import dev.backstop.rules.ArnGlob;
import dev.backstop.rules.RoleSession;
import java.util.List;

/**
 * Principals Backstop treats as its own or protected: ARN patterns (matched part by part, as IAM's
 * ArnLike does) against a caller and its session issuer, and exact role sessions.
 */
final class PrincipalPatterns {

    private final List<ArnGlob> globs;
    private final List<RoleSession> sessions;

    PrincipalPatterns(List<String> globs) {
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
}
