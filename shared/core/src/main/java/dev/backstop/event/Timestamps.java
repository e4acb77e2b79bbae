package dev.backstop.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the timestamp spellings AWS uses across CloudTrail, EventBridge and CloudWatch payloads.
 * Only instants from 1970 to the end of 9999 are timestamps: AWS writes none outside them, and
 * arithmetic on one far outside (a correlation window before {@link Instant#MIN}) would fail
 * where nothing expects it to.
 */
public final class Timestamps {

    /** The earliest instant read: the epoch. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The first instant not read: the year 10000, which no four-digit year reaches. */
    public static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

    private static final List<DateTimeFormatter> OFFSET_FORMATS = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            // CloudWatch alarms write offsets without a colon: 2023-08-04T12:36:15.490+0000
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z"));

    private Timestamps() {
    }

    /** ISO-8601 instants and offsets, offsets without a colon, RFC 1123 dates and epoch milliseconds. */
    public static Optional<Instant> parse(String text) {
        return spelled(text).filter(instant -> !instant.isBefore(EARLIEST) && instant.isBefore(END));
    }

    private static Optional<Instant> spelled(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.trim();
        // ASCII digits only: Long.parseLong would read other scripts' digits too.
        if (value.length() <= 15 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException notAnInstant) {
            // fall through to the other spellings
        }
        for (DateTimeFormatter format : OFFSET_FORMATS) {
            try {
                return Optional.of(OffsetDateTime.parse(value, format).toInstant());
            } catch (DateTimeParseException notThisOne) {
                // try the next spelling
            }
        }
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException notRfc1123) {
            return Optional.empty();
        }
    }
}
