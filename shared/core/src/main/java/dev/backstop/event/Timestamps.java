package dev.backstop.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Reads the timestamp spellings AWS uses across CloudTrail, EventBridge and CloudWatch payloads. */
public final class Timestamps {

    private static final List<DateTimeFormatter> OFFSET_FORMATS = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            // CloudWatch alarms write offsets without a colon: 2023-08-04T12:36:15.490+0000
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z"));

    private Timestamps() {
    }

    /** ISO-8601 instants and offsets, offsets without a colon, RFC 1123 dates and epoch milliseconds. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.trim();
        if (value.length() <= 15 && value.chars().allMatch(Character::isDigit)) {
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
