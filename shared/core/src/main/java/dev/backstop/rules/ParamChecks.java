package dev.backstop.rules;

import dev.backstop.text.Shown;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The checks parameters share: a word from a list, a number in a range, text of a syntax. */
public final class ParamChecks {

    private ParamChecks() {
    }

    /** One of these words, exactly. */
    public static ParamSpec.Check oneOf(String... words) {
        List<String> known = List.of(words);
        return value -> known.contains(value) ? Optional.empty()
                : Optional.of(Shown.quoted(String.valueOf(value)) + " is not one of " + String.join(", ", known));
    }

    /** A whole number from {@code min} to {@code max}. */
    public static ParamSpec.Check range(long min, long max, String what) {
        return value -> value instanceof Long number && number >= min && number <= max ? Optional.empty()
                : Optional.of(value + " is not " + what + " (" + min + "-" + max + ")");
    }

    /** Text of this syntax, described in words for the message. */
    public static ParamSpec.Check matching(Pattern syntax, String what) {
        return value -> value instanceof String text && syntax.matcher(text).matches() ? Optional.empty()
                : Optional.of(Shown.quoted(String.valueOf(value)) + " is not " + what);
    }
}
