package dev.backstop.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a rule does when the change is to declared state: a resource a CloudFormation stack
 * manages, one tagged as infrastructure as code, or a change a pipeline principal made.
 */
public enum Declared {
    /** Notify it as a change to declared state; do not revert (the pipeline's code is the truth). */
    RESPECT("respect"),
    /** Revert as for any change (the default; anti-tamper rules always do). */
    REVERT("revert"),
    /** Revert, and tell the pipeline's owner that its code will put the change back. */
    REVERT_AND_TELL("revert-and-tell");

    private final String label;

    Declared(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Declared parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(value -> value.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown declared policy \"" + text + "\"; expected one of "
                        + Arrays.stream(values()).map(Declared::label).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return label;
    }
}
