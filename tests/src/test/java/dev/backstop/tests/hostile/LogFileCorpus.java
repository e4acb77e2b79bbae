package dev.backstop.tests.hostile;

import static dev.backstop.tests.hostile.HostileCase.Kind.LOG_FILE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.testing.LogFiles;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Hostile CloudTrail log files, as {@code ./backstop plan} reads them from disk: bombs, files too
 * large to hold as one tree, broken gzip and JSON, and records that break a limit among good ones.
 */
final class LogFileCorpus {

    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

    private LogFileCorpus() {
    }

    static void addTo(CorpusBuilder corpus) {
        ObjectNode record = LogFiles.record(EventCorpus.SAMPLE);
        byte[] two = LogFiles.of(List.of(LogFiles.numbered(record, 0, START), LogFiles.numbered(record, 1, START)));
        corpus.group("log-files")
                .accepted(LOG_FILE, "two-records", two)
                .accepted(LOG_FILE, "no-records", "{\"Records\": []}")
                .accepted(LOG_FILE, "two-records-gzipped", LogFiles.gzip(two))
                .accepted(LOG_FILE, "two-gzip-members-concatenated", EventCorpus.concat(
                        LogFiles.gzip(Arrays.copyOf(two, two.length / 2)), LogFiles.gzip(Arrays.copyOfRange(two, two.length / 2, two.length))))
                .refused(LOG_FILE, "gzip-cut-in-half", Arrays.copyOf(LogFiles.gzip(two), LogFiles.gzip(two).length / 2),
                        "gzip")
                .refused(LOG_FILE, "gzip-header-then-garbage", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7},
                        "not valid gzip")
                .refused(LOG_FILE, "records-an-object", "{\"Records\": {}}", "Records: expected a list of CloudTrail records")
                .refused(LOG_FILE, "record-a-number", "{\"Records\": [42]}", "Records[0]: expected a CloudTrail record")
                .refused(LOG_FILE, "second-record-malformed", LogFiles.of(List.of(LogFiles.numbered(record, 0, START),
                        LogFiles.numbered(record, 1, START).put("eventTime", "soon"))), "Records[1].eventTime: not a timestamp")
                .refused(LOG_FILE, "record-nested-too-deep", ("{\"Records\": [" + LogFiles.numbered(record, 0, START)
                        + ", {\"requestParameters\": " + "[".repeat(500) + "]".repeat(500) + "}]}"), "Records[1]", "nested deeper than")
                .refusedWritten(LOG_FILE, "record-of-two-mebibytes", file -> {
                    ObjectNode big = LogFiles.numbered(record, 1, START);
                    big.withObject("requestParameters").put("pad", "p".repeat(2 << 20));
                    Files.write(file, LogFiles.of(List.of(LogFiles.numbered(record, 0, START), big)));
                }, "Records[1]", "larger than 1 MiB")
                .refusedWritten(LOG_FILE, "gzip-bomb-of-1-gibibyte", file -> Files.write(file, LogFiles.bomb(1100)),
                        "expands to more than 512 MiB")
                .acceptedWritten(LOG_FILE, "hundred-thousand-records-of-142-megabytes", file -> {
                    ObjectNode sample = record.deepCopy();
                    sample.remove("tlsDetails");
                    sample.put("userAgent", "aws-cli/2.17.40");
                    int padding = 1_420 - LogFiles.numbered(sample, 0, Instant.EPOCH).toString().length()
                            - ",\"padding\":\"\"".length();
                    sample.withObject("requestParameters").put("padding", "p".repeat(padding));
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                        LogFiles.write(out, 100_000, n -> LogFiles.numbered(sample, n, START.plusMillis(n)));
                    }
                });
    }
}
