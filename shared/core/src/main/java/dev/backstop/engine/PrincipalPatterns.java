package dev.backstop.engine;

import dev.backstop.event.UserIdentity;
import dev.backstop.rules.ArnGlob;
import java.util.List;
import java.util.Optional;

/**
 * ARN patterns with {@code *} wildcards, matched against a caller and its session issuer, or
 * against a target that must never be changed (Backstop's own roles and the deployment's
 * ProtectedPrincipalArns).
 */
public final class PrincipalPatterns {

    private final List<ArnGlob> globs;

    public PrincipalPatterns(List<String> globs) {
        this.globs = globs.stream().map(ArnGlob::new).toList();
    }

    /** True for a resource ARN that one of the patterns names, such as a protected role. */
    boolean matches(String arn) {
        return globs.stream().anyMatch(glob -> glob.matches(arn));
    }

    boolean matches(UserIdentity identity) {
        return globs.stream().anyMatch(glob -> glob.matches(identity));
    }

    /** Why an action must not change the resource, when the patterns protect it. */
    public Optional<String> refusal(String resource) {
        return matches(resource)
                ? Optional.of("refused: protected principal " + resource
                        + " (Backstop's own roles and ProtectedPrincipalArns are never changed)")
                : Optional.empty();
    }
}
