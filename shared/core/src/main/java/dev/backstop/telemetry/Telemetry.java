package dev.backstop.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * Structured log lines and CloudWatch metrics in embedded metric format (EMF): Lambda ships
 * each JSON line to CloudWatch Logs, which turns the {@code _aws} block into metrics, so no
 * metrics API call and no permission is needed.
 */
@Singleton
public final class Telemetry {

    public static final String NAMESPACE = "Backstop";
    public static final String OUT = "telemetry.out";

    private final PrintStream out;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public Telemetry(@Named(OUT) PrintStream out, ObjectMapper json, Clock clock) {
        this.out = out;
        this.json = json;
        this.clock = clock;
    }

    /** A log line with a level, a message and fields. */
    public void log(String level, String message, ObjectNode fields) {
        ObjectNode line = json.createObjectNode().put("level", level).put("message", message);
        line.setAll(fields);
        write(line);
    }

    /** One count of a metric, with the message that explains it. */
    public void count(String metric, String message, ObjectNode fields) {
        ObjectNode line = json.createObjectNode().put("level", "WARN").put("message", message);
        line.setAll(fields);
        ObjectNode aws = line.putObject("_aws").put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray();
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
        line.put(metric, 1);
        write(line);
    }

    /** A value of a metric in an EMF line: {@code Count}, {@code Milliseconds}... */
    public record Metric(String name, double value, String unit) {
    }

    /**
     * Several metrics in one EMF line, under one set of dimensions (each also a field of the
     * line, as EMF wants), with the message and fields that explain them.
     */
    public void metrics(String message, Map<String, String> dimensions, List<Metric> metrics, ObjectNode fields) {
        ObjectNode line = json.createObjectNode().put("level", "INFO").put("message", message);
        line.setAll(fields);
        dimensions.forEach(line::put);
        ObjectNode aws = line.putObject("_aws").put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(dimensionSet::add);
        ArrayNode declared = directive.putArray("Metrics");
        for (Metric metric : metrics) {
            declared.addObject().put("Name", metric.name()).put("Unit", metric.unit());
            line.put(metric.name(), metric.value());
        }
        write(line);
    }

    public ObjectNode fields() {
        return json.createObjectNode();
    }

    private void write(ObjectNode line) {
        try {
            out.println(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a log line cannot be written as JSON", e);
        }
    }
}
