package dev.backstop.config;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.backstop.text.Shown;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How far Backstop may go for a decision, from most to least active.
 *
 * <p>The global mode can only make a rule safer: {@code ENFORCE.capTo(DRY_RUN)} is {@code DRY_RUN}.
 */
public enum Mode {
    ENFORCE("enforce"),
    DRY_RUN("dry-run"),
    NOTIFY("notify"),
    OFF("off");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    /** The word rule files, settings and audit records use. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The safer of this mode and the ceiling. */
    public Mode capTo(Mode ceiling) {
        return ordinal() >= ceiling.ordinal() ? this : ceiling;
    }

    public static Mode parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(mode -> mode.label.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode " + Shown.quoted(String.valueOf(text)) + "; expected one of "
                        + Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return label;
    }
}
