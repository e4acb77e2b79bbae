package dev.backstop.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    /**
     * The spelling CloudTrail writes every event time in, {@code 2026-11-20T09:14:05Z}, read without
     * a formatter (a formatter costs more than the rest of an event's parse); null for any other
     * spelling, or a date that does not exist, which the general path then reads or refuses.
     */
    private static Instant plainUtc(String value) {
        if (value.length() != 20 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != 'T'
                || value.charAt(13) != ':' || value.charAt(16) != ':' || value.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException noSuchTime) {
            return null;
        }
    }

    /** The number the digits at {@code from} spell, or -1 when one is not a digit. */
    private static int digits(String value, int from, int count) {
        int number = 0;
        for (int i = from; i < from + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
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
        Instant plain = plainUtc(value);
        if (plain != null) {
            return Optional.of(plain);
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
