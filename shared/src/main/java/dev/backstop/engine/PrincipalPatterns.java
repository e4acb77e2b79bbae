package dev.backstop.engine;

import dev.backstop.event.UserIdentity;
import java.util.List;
import java.util.regex.Pattern;

/** ARN patterns with {@code *} wildcards, matched against a caller and its session issuer. */
final class PrincipalPatterns {

    private final List<Pattern> patterns;

    PrincipalPatterns(List<String> globs) {
        this.patterns = globs.stream().map(PrincipalPatterns::compile).toList();
    }

    boolean matches(UserIdentity identity) {
        return matches(identity.arn()) || identity.issuerArn().map(this::matches).orElse(false);
    }

    private boolean matches(String arn) {
        return arn != null && patterns.stream().anyMatch(pattern -> pattern.matcher(arn).matches());
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }
}
