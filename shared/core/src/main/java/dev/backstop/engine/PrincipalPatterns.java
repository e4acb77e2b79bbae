package dev.backstop.engine;

import dev.backstop.event.UserIdentity;
import dev.backstop.rules.ArnGlob;
import java.util.List;

/** ARN patterns with {@code *} wildcards, matched against a caller and its session issuer. */
final class PrincipalPatterns {

    private final List<ArnGlob> globs;

    PrincipalPatterns(List<String> globs) {
        this.globs = globs.stream().map(ArnGlob::new).toList();
    }

    /** True for a resource ARN that one of the patterns names, such as a protected role. */
    boolean matches(String arn) {
        return globs.stream().anyMatch(glob -> glob.matches(arn));
    }

    boolean matches(UserIdentity identity) {
        return globs.stream().anyMatch(glob -> glob.matches(identity));
    }
}
