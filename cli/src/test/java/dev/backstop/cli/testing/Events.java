package dev.backstop.cli.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Event files in each shape {@code plan} reads, made from the repository's {@code events/}
 * samples: the EventBridge event itself, its bare CloudTrail record, and CloudTrail log files.
 */
public final class Events {

    public static final String STOP_LOGGING = "cloudtrail/stop-logging.json";
    public static final String STOP_LOGGING_DENIED = "cloudtrail/stop-logging-denied.json";
    public static final String STOP_LOGGING_ID = "c9e5a1d7-3f2b-4e8a-b6c4-0d1e2f3a4b5c";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    public static Path sample(String name) {
        return eventsFolder().resolve(name);
    }

    public static ObjectNode envelope(String name) {
        try {
            return (ObjectNode) JSON.readTree(sample(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CloudTrail record inside a sample, as CloudTrail itself writes it. */
    public static ObjectNode record(String name) {
        return (ObjectNode) envelope(name).get("detail");
    }

    /** A CloudTrail log file of the records, as a trail writes it to S3 (before gzip). */
    public static ObjectNode logFile(List<ObjectNode> records) {
        ObjectNode log = JSON.createObjectNode();
        log.putArray("Records").addAll(records);
        return log;
    }

    public static Path write(Path file, Object json) {
        return write(file, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static Path writeGzipped(Path file, Object json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(file, bytes.toByteArray());
    }

    public static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path eventsFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
    }
}
