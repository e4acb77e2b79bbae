package dev.backstop.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.testing.LogFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 142 MB log file of 100,000 records, the size that ran the tree reader out of memory, read in a
 * JVM of its own with the 512 MB heap the functions have. The file is generated here, never committed.
 */
class LargeLogFileTest {

    private static final int RECORDS = 100_000;
    private static final int RECORD_BYTES = 1_420;

    /** Reads the file named by the argument and prints how many records it held and how many were refused. */
    public static void main(String[] args) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        CloudTrailLogReader reader = new CloudTrailLogReader(new CloudTrailEventParser(), mapper);
        long read = 0;
        long refused = 0;
        try (InputStream in = Files.newInputStream(Path.of(args[0])); CloudTrailLog log = reader.open(in)) {
            while (log.hasNext()) {
                read++;
                refused += log.next().error() == null ? 0 : 1;
            }
        }
        System.out.println(read + " " + refused + " " + Runtime.getRuntime().maxMemory());
    }

    @Test
    void readsA142MegabyteFileOfAHundredThousandRecordsInA512MegabyteHeap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("123456789012_CloudTrail_us-east-1_20261120T0915Z_large.json");
        ObjectNode sample = LogFiles.record("cloudtrail/stop-logging.json");
        sample.remove("tlsDetails");
        sample.put("userAgent", "aws-cli/2.17.40");
        int padding = RECORD_BYTES - LogFiles.numbered(sample, 0, Instant.EPOCH).toString().length() - ",\"padding\":\"\"".length();
        sample.withObject("requestParameters").put("padding", "p".repeat(padding));
        Instant start = Instant.parse("2026-11-20T09:00:00Z");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            LogFiles.write(out, RECORDS, n -> LogFiles.numbered(sample, n, start.plusMillis(n)));
        }
        assertThat(Files.size(file)).isBetween(141_000_000L, 143_000_000L);

        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LargeLogFileTest.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(probe.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(probe.exitValue()).as(output).isZero();
        List<String> figures = List.of(output.split(" "));
        assertThat(figures.get(0)).as("records read").isEqualTo(String.valueOf(RECORDS));
        assertThat(figures.get(1)).as("records refused").isEqualTo("0");
        assertThat(Long.parseLong(figures.get(2))).as("the probe's heap").isLessThanOrEqualTo(512L << 20);
    }
}
