package dev.backstop.cli.audit;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A point in time as people type it: {@code 2026-11-25T10:00:00Z}, a day ({@code 2026-11-25}, its
 * start in UTC) or an age before now ({@code 30m}, {@code 24h}, {@code 7d}).
 */
public final class TimeConverter implements ITypeConverter<Instant> {

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([mhd])");

    private final Clock clock;

    public TimeConverter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
        String text = value.strip();
        Matcher age = AGE.matcher(text);
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration ago = switch (age.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().minus(ago);
        }
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            throw new TypeConversionException("not a time: \"" + value + "\"; expected a UTC time like"
                    + " 2026-11-25T10:00:00Z, a day like 2026-11-25, or an age like 30m, 24h or 7d");
        }
    }
}
