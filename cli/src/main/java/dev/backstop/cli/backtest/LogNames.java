package dev.backstop.cli.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a trail names what it writes: {@code AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/}
 * folders (an organization trail puts its id before the account) of files named
 * {@code <account>_CloudTrail_<region>_<yyyyMMddTHHmmZ>_<unique>.json.gz}, the time being when the
 * file was written. Digest and Insights files live beside the logs and are no CloudTrail records.
 */
final class LogNames {

    private static final Pattern FILE_TIME = Pattern.compile("_(\\d{8}T\\d{4})Z_");
    private static final DateTimeFormatter FILE_TIME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern MONTH_OR_DAY = Pattern.compile("\\d{2}");
    private static final List<String> NOT_LOGS = List.of("CloudTrail-Digest", "CloudTrail-Insight");

    private LogNames() {
    }

    /** When the file was written, from its name, if it is named as a trail names its files. */
    static Optional<Instant> fileTime(String name) {
        Matcher time = FILE_TIME.matcher(name);
        if (!time.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(time.group(1), FILE_TIME_FORMAT).toInstant(ZoneOffset.UTC));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** True for a file that may hold CloudTrail records: JSON, gzipped or not. */
    static boolean isLogFile(String name) {
        return name.endsWith(".json.gz") || name.endsWith(".json");
    }

    /** True for a folder of digest or Insights files, which hold no CloudTrail records. */
    static boolean isNotLogs(String folder) {
        return NOT_LOGS.contains(folder);
    }

    /** The day that the last three folder names give ({@code 2026/11/20}), if they give one. */
    static Optional<LocalDate> day(List<String> folders) {
        int n = folders.size();
        if (n < 3 || !YEAR.matcher(folders.get(n - 3)).matches() || !MONTH_OR_DAY.matcher(folders.get(n - 2)).matches()
                || !MONTH_OR_DAY.matcher(folders.get(n - 1)).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(folders.get(n - 3)), Integer.parseInt(folders.get(n - 2)),
                    Integer.parseInt(folders.get(n - 1))));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The folder of a day under a region's prefix: {@code 2026/11/20/}. */
    static String dayFolder(LocalDate day) {
        return String.format("%04d/%02d/%02d/", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }
}
