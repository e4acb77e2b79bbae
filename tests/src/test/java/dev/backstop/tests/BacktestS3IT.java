package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.testing.LogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code ./backstop backtest s3://...} on LocalStack's S3, through the command and the real SDK
 * client: a trail's bucket laid out as CloudTrail writes it, days inside and outside the window.
 * A day outside the window holds a corrupt object and so does the digest folder: the run is clean
 * only if neither is ever read.
 */
class BacktestS3IT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRAIL = "AWSLogs/123456789012/CloudTrail/us-east-1/";
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void bucketOfLogs() {
        s3 = Emulators.world().s3();
        bucket = Emulators.uniquePrefix("backtest-it");
        s3.createBucket(request -> request.bucket(bucket));
        put(TRAIL + "2026/11/19/123456789012_CloudTrail_us-east-1_20261119T2355Z_a.json.gz",
                LogFiles.gzip(LogFiles.of(List.of(stop(1, T0.minusSeconds(86_400))))));
        put(TRAIL + "2026/11/20/123456789012_CloudTrail_us-east-1_20261120T0905Z_b.json.gz",
                LogFiles.gzip(LogFiles.of(List.of(stop(2, T0), stop(3, T0.plusSeconds(30))))));
        put(TRAIL + "2026/11/21/123456789012_CloudTrail_us-east-1_20261121T0005Z_c.json.gz",
                LogFiles.gzip(LogFiles.of(List.of(stop(4, Instant.parse("2026-11-20T23:59:00Z"))))));
        put(TRAIL + "2026/11/23/123456789012_CloudTrail_us-east-1_20261123T0005Z_d.json.gz",
                "not a log file".getBytes(StandardCharsets.UTF_8));
        put("AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/20/digest.json.gz",
                "not a log file either".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void removeBucket() {
        for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents()) {
            s3.deleteObject(request -> request.bucket(bucket).key(object.key()));
        }
        s3.deleteBucket(request -> request.bucket(bucket));
    }

    private static ObjectNode stop(int n, Instant time) {
        ObjectNode record = LogFiles.numbered(LogFiles.record("cloudtrail/stop-logging.json"), n, time);
        record.putObject("requestParameters").put("name", "arn:aws:cloudtrail:us-east-1:123456789012:trail/t" + n);
        return record;
    }

    private static void put(String key, byte[] content) {
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    private static List<JsonNode> lines(CommandRun run, String type) {
        return run.out().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(line -> line.path("type").asText().equals(type)).toList();
    }

    @Test
    void readsOnlyTheDaysOfTheWindowFromTheTrailsBucket() {
        CommandRun run = CommandRun.of("backtest", "--json", "--since", "2026-11-20", "--until", "2026-11-21",
                "s3://" + bucket);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(lines(run, "decision")).extracting(line -> line.get("eventId").asText()).containsExactly(
                "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003",
                "00000000-0000-4000-8000-000000000004");
        JsonNode totals = lines(run, "totals").get(0);
        assertThat(totals.get("files").asLong()).isEqualTo(2);
        assertThat(totals.get("source").asText()).isEqualTo("2 objects under s3://" + bucket + "/");
    }

    @Test
    void readsARegionsFolderGivenDirectlyAndReportsABadObjectWithItsAddress() {
        CommandRun run = CommandRun.of("backtest", "--json", "--since", "2026-11-22", "--until", "2026-11-24",
                "s3://" + bucket + "/" + TRAIL);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("backstop backtest: s3://" + bucket + "/" + TRAIL
                + "2026/11/23/123456789012_CloudTrail_us-east-1_20261123T0005Z_d.json.gz: $: not valid JSON");
        assertThat(lines(run, "totals").get(0).get("badFiles").asLong()).isEqualTo(1);
    }
}
