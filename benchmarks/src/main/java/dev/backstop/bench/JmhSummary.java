package dev.backstop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads JMH's JSON results and prints, per benchmark, the median and spread across forks (each
 * fork a fresh JVM, so each a run): for throughput the fork's mean, for sampled times the fork's
 * 50th and 99th percentiles. With {@link CpuTimeProfiler}, a throughput benchmark gets a second line:
 * operations per CPU-second, which the machine's load disturbs much less.
 *
 * <pre>java dev.backstop.bench.JmhSummary target/jmh.json</pre>
 */
public final class JmhSummary {

    private JmhSummary() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        System.out.printf("%-34s %-22s %6s %26s %26s%n", "benchmark", "params", "forks", "median [min .. max]", "p99 median [min .. max]");
        for (JsonNode result : results) {
            String name = result.path("benchmark").asText().replaceFirst("^.*\\.(\\w+\\.\\w+)$", "$1");
            JsonNode metric = result.path("primaryMetric");
            String unit = metric.path("scoreUnit").asText();
            String mode = result.path("mode").asText();
            List<Double> medians = new ArrayList<>();
            List<Double> p99s = new ArrayList<>();
            if (mode.equals("sample")) {
                for (JsonNode fork : metric.path("rawDataHistogram")) {
                    List<double[]> histogram = new ArrayList<>();
                    for (JsonNode iteration : fork) {
                        for (JsonNode bucket : iteration) {
                            histogram.add(new double[] {bucket.get(0).asDouble(), bucket.get(1).asDouble()});
                        }
                    }
                    medians.add(percentile(histogram, 0.50));
                    p99s.add(percentile(histogram, 0.99));
                }
            } else {
                for (JsonNode fork : metric.path("rawData")) {
                    double sum = 0;
                    for (JsonNode iteration : fork) {
                        sum += iteration.asDouble();
                    }
                    medians.add(sum / fork.size());
                }
            }
            System.out.printf("%-34s %-22s %6d %26s %26s%n", name, params(result), medians.size(),
                    spread(medians, unit), p99s.isEmpty() ? "" : spread(p99s, unit));
            JsonNode cpu = result.path("secondaryMetrics").path("cpu.ops/s");
            if (!cpu.isMissingNode()) {
                List<Double> perFork = new ArrayList<>();
                for (JsonNode fork : cpu.path("rawData")) {
                    double sum = 0;
                    for (JsonNode iteration : fork) {
                        sum += iteration.asDouble();
                    }
                    perFork.add(sum / fork.size());
                }
                System.out.printf("%-34s %-22s %6d %26s%n", "  in CPU time", "", perFork.size(),
                        spread(perFork, cpu.path("scoreUnit").asText()));
            }
        }
    }

    private static String params(JsonNode result) {
        StringBuilder text = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = result.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> param = it.next();
            text.append(param.getKey()).append('=').append(param.getValue().asText()).append(' ');
        }
        return text.toString().trim();
    }

    private static String spread(List<Double> values, String unit) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return String.format(Locale.ROOT, "%s [%s .. %s] %s", number(median), number(sorted.get(0)),
                number(sorted.get(sorted.size() - 1)), unit);
    }

    private static String number(double value) {
        return value >= 1000 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** The value below which {@code fraction} of the samples fall, from (value, count) buckets. */
    private static double percentile(List<double[]> buckets, double fraction) {
        buckets.sort((a, b) -> Double.compare(a[0], b[0]));
        double total = buckets.stream().mapToDouble(bucket -> bucket[1]).sum();
        double seen = 0;
        for (double[] bucket : buckets) {
            seen += bucket[1];
            if (seen >= fraction * total) {
                return bucket[0];
            }
        }
        return buckets.get(buckets.size() - 1)[0];
    }
}
