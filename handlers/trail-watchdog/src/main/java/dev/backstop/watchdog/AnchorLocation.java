package dev.backstop.watchdog;

import dev.backstop.config.RulesLocation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the watchdog anchors the audit chains' heads, and for how long each anchor is locked:
 * {@code BACKSTOP_ANCHOR_LOCATION} ({@code s3://BUCKET/KEY}, the template's AnchorBucket) and
 * {@code BACKSTOP_ANCHOR_RETAIN_DAYS}. No location: no anchoring.
 */
public record AnchorLocation(String bucket, String key, Duration retention) {

    public static final String VARIABLE = "BACKSTOP_ANCHOR_LOCATION";
    public static final String RETAIN_DAYS = "BACKSTOP_ANCHOR_RETAIN_DAYS";
    static final long DEFAULT_RETAIN_DAYS = 365;

    public AnchorLocation {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException(RETAIN_DAYS + ": an anchor is locked for a day at least");
        }
    }

    public static Optional<AnchorLocation> fromEnvironment(Map<String, String> env) {
        String text = env.getOrDefault(VARIABLE, "").trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        RulesLocation location;
        try {
            location = RulesLocation.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + ": " + e.getMessage());
        }
        String days = env.getOrDefault(RETAIN_DAYS, "").trim();
        long retainDays;
        try {
            retainDays = days.isEmpty() ? DEFAULT_RETAIN_DAYS : Long.parseLong(days);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RETAIN_DAYS + ": expected a number of days, found \"" + days + "\"");
        }
        return Optional.of(new AnchorLocation(location.bucket(), location.key(), Duration.ofDays(retainDays)));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
