package dev.backstop.breaker;

import java.util.Objects;

/**
 * An open breaker that an enforcing action met: which, why it tripped, and how many actions it
 * has counted in its window, this one included.
 */
public record Hold(BreakerScope scope, String cause, long count) {

    public Hold {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(cause, "cause");
    }

    /** "the flapping breaker of resource arn:… (tripped at …: more than 3 …; 5 counted in its window); …" */
    public String describe() {
        return scope.describe() + " (" + cause + "; " + count + " counted in its window); it closes after its"
                + " cool-down, or reset it with " + scope.resetCommand();
    }
}
