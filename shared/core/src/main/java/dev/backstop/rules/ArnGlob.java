package dev.backstop.rules;

import dev.backstop.event.UserIdentity;
import java.util.regex.Pattern;

/** An ARN pattern in which {@code *} stands for any run of characters, as in IAM policies. */
public final class ArnGlob {

    private final String glob;
    private final Pattern pattern;

    public ArnGlob(String glob) {
        this.glob = glob;
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        this.pattern = Pattern.compile(regex.toString());
    }

    public boolean matches(String arn) {
        return arn != null && pattern.matcher(arn).matches();
    }

    /** True for a caller whose own ARN, or for an assumed role its session issuer's, matches. */
    public boolean matches(UserIdentity caller) {
        return matches(caller.arn()) || caller.issuerArn().map(this::matches).orElse(false);
    }

    @Override
    public String toString() {
        return glob;
    }
}
