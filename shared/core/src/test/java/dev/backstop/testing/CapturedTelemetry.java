package dev.backstop.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.telemetry.Telemetry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A {@link Telemetry} whose log lines a test reads back, parsed. */
public final class CapturedTelemetry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Telemetry telemetry = new Telemetry(new PrintStream(out, true, StandardCharsets.UTF_8), JSON,
            Clock.fixed(Instant.parse("2026-11-20T10:31:00Z"), ZoneOffset.UTC));

    public Telemetry telemetry() {
        return telemetry;
    }

    /** Every line written so far. */
    public List<JsonNode> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().map(CapturedTelemetry::parse).toList();
    }

    /** The lines that count this metric: an EMF line declaring it, with its value. */
    public List<JsonNode> counted(String metric) {
        return lines().stream().filter(line -> line.has(metric) && line.path("_aws").path("CloudWatchMetrics").path(0)
                .path("Metrics").findValuesAsText("Name").contains(metric)).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not a JSON log line: " + line, e);
        }
    }
}
