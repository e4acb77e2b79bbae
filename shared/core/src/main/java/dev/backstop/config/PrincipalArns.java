package dev.backstop.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** What a protected principal's ARN pattern must be: an ARN of one account, never a wildcard one. */
final class PrincipalArns {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    private PrincipalArns() {
    }

    /**
     * Why the pattern cannot name a protected principal, if it cannot. A wildcard account (or a
     * bare {@code *}) would cover a principal of that name in any account, including one an
     * attacker creates, and everything it does would then be taken for Backstop's own.
     */
    static Optional<String> problem(String pattern) {
        String[] parts = pattern.split(":", 6);
        if (!pattern.startsWith("arn:") || parts.length != 6) {
            return Optional.of("expected the ARN of a role or user, arn:PARTITION:iam::ACCOUNT:role/NAME");
        }
        if (!ACCOUNT.matcher(parts[4]).matches()) {
            return Optional.of("the account must be a 12-digit account id, not a wildcard: a pattern of any account"
                    + " covers a principal of that name in an account an attacker owns");
        }
        return Optional.empty();
    }
}
