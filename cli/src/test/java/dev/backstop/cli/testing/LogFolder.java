package dev.backstop.cli.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.testing.LogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A folder of CloudTrail log files laid out as a trail writes them to S3:
 * {@code AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<time>_<n>.json.gz}.
 */
public final class LogFolder {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final Path root;
    private int files;

    public LogFolder(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A gzipped log file written at {@code written} holding the records, in the day folder of that time. */
    public Path write(Instant written, List<ObjectNode> records) {
        return writeBytes(written, LogFiles.gzip(LogFiles.of(records)));
    }

    /** A file of any content where the trail would have written one at {@code written}. */
    public Path writeBytes(Instant written, byte[] content) {
        LocalDateTime time = LocalDateTime.ofInstant(written, ZoneOffset.UTC);
        Path folder = root.resolve("AWSLogs").resolve(ACCOUNT).resolve("CloudTrail").resolve(REGION)
                .resolve(DAY.format(time));
        Path file = folder.resolve(ACCOUNT + "_CloudTrail_" + REGION + "_" + NAME_TIME.format(time) + "_" + ++files + ".json.gz");
        try {
            Files.createDirectories(folder);
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record of the sample with its own id, time and (for a trail) target. */
    public static ObjectNode stopLogging(int n, Instant time, String trail) {
        ObjectNode record = LogFiles.numbered(LogFiles.record("cloudtrail/stop-logging.json"), n, time);
        record.putObject("requestParameters").put("name", trail);
        return record;
    }

    public static ObjectNode stopLogging(int n, Instant time) {
        return stopLogging(n, time, "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events");
    }

    /** A call no default rule matches. */
    public static ObjectNode describeTrails(int n, Instant time) {
        ObjectNode record = LogFiles.numbered(LogFiles.record("cloudtrail/stop-logging.json"), n, time);
        record.put("eventName", "DescribeTrails").put("readOnly", true);
        return record;
    }
}
