package dev.backstop.rules;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an alarm rule asks of the changes CloudTrail recorded before the alarm: how far back to
 * look ({@code correlate.window}) and, optionally, which API calls must be among them for the rule
 * to act ({@code correlate.require}: "roll back only if a deployment happened").
 *
 * <pre>{@code
 * correlate:
 *   window: 30m
 *   require: [UpdateFunctionCode20150331v2, UpdateAlias20150331, PublishVersion20150331]
 * }</pre>
 */
public record Correlation(Duration window, List<String> require) {

    /** Every alarm decision names the changes of the 15 minutes before it, and requires none. */
    public static final Correlation DEFAULT = new Correlation(Duration.ofMinutes(15), List.of());
    static final Duration LONGEST = Duration.ofHours(24);

    public Correlation {
        Objects.requireNonNull(window, "window");
        require = List.copyOf(require);
    }

    /** The window in words: {@code 15 min}, {@code 2 h}, {@code 90 s}. */
    public String windowInWords() {
        long seconds = window.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    public boolean requiresChange() {
        return !require.isEmpty();
    }
}
