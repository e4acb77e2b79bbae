package dev.backstop.breaker;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * What one breaker counts: the enforcing actions in an account, of a rule in an account, or
 * answering one principal's calls (the blast-radius breakers), or the remediations of one resource
 * (the flapping breaker). A rule is counted per account ({@code <account>/<rule>}), so no one
 * account's events can hold a rule back in the others; a principal by its user or role ARN (a
 * session's issuer), so new session names do not start a count afresh.
 *
 * <pre>{@code
 * BreakerScope.of(BreakerScope.Kind.ACCOUNT, "123456789012").key()  // breaker#account#123456789012
 * BreakerScope.rule("123456789012", "s3-bucket-acl-public").key()    // breaker#rule#123456789012/s3-bucket-acl-public
 * }</pre>
 */
public record BreakerScope(Kind kind, String target) {

    static final String KEY_PREFIX = "breaker#";

    public enum Kind {
        ACCOUNT("blast-radius", "BlastRadiusBreakerTripped"),
        RULE("blast-radius", "BlastRadiusBreakerTripped"),
        PRINCIPAL("blast-radius", "BlastRadiusBreakerTripped"),
        RESOURCE("flapping", "FlappingBreakerTripped");

        private final String breaker;
        private final String metric;

        Kind(String breaker, String metric) {
            this.breaker = breaker;
            this.metric = metric;
        }

        /** The word the CLI option and the item key use: account, rule, principal, resource. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Which breaker this is: blast-radius or flapping. */
        public String breaker() {
            return breaker;
        }

        String metric() {
            return metric;
        }
    }

    public BreakerScope {
        Objects.requireNonNull(kind, "kind");
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException(kind.label() + ": a breaker needs a non-empty " + kind.label());
        }
    }

    public static BreakerScope of(Kind kind, String target) {
        return new BreakerScope(kind, target);
    }

    /** A rule's breaker in one account. */
    public static BreakerScope rule(String account, String rule) {
        return new BreakerScope(Kind.RULE, account + "/" + rule);
    }

    /** The audit table key of this breaker's item. */
    public String key() {
        return KEY_PREFIX + kind.label() + "#" + target;
    }

    /** The scope a {@link #key()} names. */
    static BreakerScope fromKey(String key) {
        String[] parts = key.split("#", 3);
        if (parts.length != 3 || !key.startsWith(KEY_PREFIX)) {
            throw new IllegalArgumentException("not a breaker key: " + key);
        }
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.label().equals(parts[1])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown breaker kind in key " + key));
        return new BreakerScope(kind, parts[2]);
    }

    /** For people: "the flapping breaker of resource arn:…". */
    public String describe() {
        return "the " + kind.breaker() + " breaker of " + kind.label() + " " + target;
    }

    /** The command that resets it. */
    public String resetCommand() {
        return "./backstop breaker reset --" + kind.label() + " " + target;
    }
}
