package dev.backstop.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Standard output caught while open: where the engine writes its log lines and EMF metrics, as
 * Lambda wants them. Open it before the graph is built, since the graph takes the stream then.
 */
final class StandardOutput implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream caught = new ByteArrayOutputStream();

    private StandardOutput() {
        System.setOut(new PrintStream(caught, true, StandardCharsets.UTF_8));
    }

    static StandardOutput capture() {
        return new StandardOutput();
    }

    /** The JSON lines that count this metric. */
    List<JsonNode> counted(String metric) {
        return caught.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{"))
                .map(StandardOutput::parse).filter(line -> line.has(metric) && line.has("_aws")).toList();
    }

    @Override
    public void close() {
        System.setOut(original);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }
}
