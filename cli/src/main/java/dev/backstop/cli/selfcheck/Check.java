package dev.backstop.cli.selfcheck;

import dev.backstop.action.AwsErrors;
import java.util.Objects;
import java.util.function.Supplier;

/** One line of {@code ./backstop selfcheck}: what was checked, whether it holds, and what was seen. */
record Check(String name, boolean passed, String detail) {

    Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    static Check pass(String name, String detail) {
        return new Check(name, true, detail);
    }

    static Check fail(String name, String detail) {
        return new Check(name, false, detail);
    }

    /** The check, or a failure saying why it could not be made (access denied, say). */
    static Check guarded(String name, Supplier<Check> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return fail(name, "could not be checked: " + AwsErrors.describe(e));
        }
    }

    String line() {
        return (passed ? "PASS  " : "FAIL  ") + name + ": " + detail;
    }
}
