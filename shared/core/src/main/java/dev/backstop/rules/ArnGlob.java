package dev.backstop.rules;

import dev.backstop.event.UserIdentity;
import java.util.Optional;

/**
 * An ARN pattern matched as IAM's {@code ArnLike} matches one: the six colon-separated parts
 * ({@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}) are matched each on its own, {@code *}
 * standing for any run of characters and {@code ?} for one character within its part. A wildcard
 * never crosses a colon before the resource, so {@code arn:*:sts::111122223333:assumed-role/R/s}
 * cannot match an IAM user whose path spells {@code sts::111122223333:assumed-role/...}. The
 * resource is the rest of the ARN, colons and all. A pattern that is not an ARN ({@code sg-*},
 * a trail name) is matched against the whole text.
 *
 * <pre>{@code
 * new ArnGlob("arn:aws:iam::*:role/BreakGlass*").matches("arn:aws:iam::123456789012:role/BreakGlass1"); // true
 * }</pre>
 *
 * <p>Matching takes time linear in the text for a given pattern: each part is matched by the
 * greedy algorithm, which never backtracks further than the last {@code *}.
 */
public final class ArnGlob {

    static final int ARN_PARTS = 6;

    private final String glob;
    private final String[] parts;

    public ArnGlob(String glob) {
        this.glob = glob;
        this.parts = isArn(glob) ? split(glob) : null;
    }

    /**
     * Why the text is no usable ARN pattern, if it is not: an ARN pattern has six parts. Text
     * that does not start with {@code arn:} is a plain pattern and always usable.
     */
    public static Optional<String> problem(String glob) {
        if (isArn(glob) && split(glob) == null) {
            return Optional.of("an ARN has six parts, arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; this has "
                    + (glob.chars().filter(c -> c == ':').count() + 1));
        }
        return Optional.empty();
    }

    public boolean matches(String arn) {
        if (arn == null) {
            return false;
        }
        if (parts == null) {
            return Wildcards.matches(glob, arn);
        }
        String[] actual = isArn(arn) ? split(arn) : null;
        if (actual == null) {
            return false;
        }
        for (int i = 0; i < ARN_PARTS; i++) {
            if (!Wildcards.matches(parts[i], actual[i])) {
                return false;
            }
        }
        return true;
    }

    /** True for a caller whose own ARN, or for an assumed role its session issuer's, matches. */
    public boolean matches(UserIdentity caller) {
        return matches(caller.arn()) || caller.issuerArn().map(this::matches).orElse(false);
    }

    private static boolean isArn(String text) {
        return text.startsWith("arn:");
    }

    /** The six parts, the last holding the rest of the text; null for fewer than six. */
    private static String[] split(String arn) {
        String[] parts = arn.split(":", ARN_PARTS);
        return parts.length == ARN_PARTS ? parts : null;
    }

    @Override
    public String toString() {
        return glob;
    }

    /** {@code *} and {@code ?} wildcards over one part, matched greedily. */
    static final class Wildcards {

        private Wildcards() {
        }

        /**
         * Whether the text matches the pattern. On a mismatch after a {@code *}, the star takes one
         * more character and the rest of the pattern is tried again from there: at most
         * pattern-length steps per character of text, with no nested backtracking.
         */
        static boolean matches(String pattern, String text) {
            int p = 0;
            int t = 0;
            int star = -1;
            int resume = 0;
            while (t < text.length()) {
                if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                    p++;
                    t++;
                } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                    star = p++;
                    resume = t;
                } else if (star >= 0) {
                    p = star + 1;
                    t = ++resume;
                } else {
                    return false;
                }
            }
            while (p < pattern.length() && pattern.charAt(p) == '*') {
                p++;
            }
            return p == pattern.length();
        }
    }
}
