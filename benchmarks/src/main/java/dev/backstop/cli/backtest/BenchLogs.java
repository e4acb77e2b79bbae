package dev.backstop.cli.backtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.testing.LogFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Gzipped CloudTrail log files for the backtest benchmarks, each five minutes of one account's
 * calls in one region: 1.4 KB records shaped like the StopLogging sample, about other calls,
 * callers and addresses, one in ten failed. {@code routine}: one call in fifty is one the default
 * pack watches (most of a real trail is reads and routine writes); {@code security}: three in four.
 *
 * <pre>java dev.backstop.cli.backtest.BenchLogs FOLDER FILES RECORDS-PER-FILE routine</pre>
 */
public final class BenchLogs {

    static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final List<String> UNWATCHED = List.of("ec2:DescribeInstances", "s3:GetBucketLocation",
            "sts:AssumeRole", "iam:ListRoles", "kms:Decrypt", "logs:CreateLogStream", "dynamodb:DescribeTable",
            "lambda:GetFunction20150331v2");
    private static final List<String> WATCHED = List.of("cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
            "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
            "s3:PutBucketAcl", "ec2:AuthorizeSecurityGroupIngress", "iam:AttachRolePolicy", "iam:AttachUserPolicy",
            "iam:CreateAccessKey", "iam:CreateUser", "kms:ScheduleKeyDeletion", "guardduty:DeleteDetector");

    private final boolean security;
    private final int records;
    private final ObjectNode sample = LogFiles.record("cloudtrail/stop-logging.json");
    private final Random random = new Random(42);

    BenchLogs(String mix, int records) {
        if (!mix.equals("routine") && !mix.equals("security")) {
            throw new IllegalArgumentException("the mix is routine or security, not " + mix);
        }
        this.security = mix.equals("security");
        this.records = records;
    }

    /** Writes {@code files} files into FOLDER as a trail lays them out, and prints what it wrote. */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        int files = Integer.parseInt(args[1]);
        BenchLogs logs = new BenchLogs(args[3], Integer.parseInt(args[2]));
        long bytes = 0;
        for (int f = 0; f < files; f++) {
            LocalDateTime written = LocalDateTime.ofInstant(logs.start(f).plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
            Path day = Files.createDirectories(folder.resolve("AWSLogs/123456789012/CloudTrail/us-east-1")
                    .resolve(DAY.format(written)));
            byte[] file = logs.file(f);
            bytes += file.length;
            Files.write(day.resolve("123456789012_CloudTrail_us-east-1_" + NAME_TIME.format(written) + "_bench" + f
                    + ".json.gz"), file);
        }
        System.out.printf("%d files of %d records (%,d events, %,d bytes gzipped) in %s%n", files, logs.records,
                (long) files * logs.records, bytes, folder);
    }

    /** The f-th file, gzipped: the five minutes from {@link #start}. */
    byte[] file(int f) {
        Instant from = start(f);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gzipped, 1 << 16)) {
            LogFiles.write(out, records, n -> record(f * records + n, from.plusMillis(n * 300_000L / records)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gzipped.toByteArray();
    }

    Instant start(int f) {
        return START.plus(Duration.ofMinutes(5L * f));
    }

    private ObjectNode record(int n, Instant time) {
        boolean watched = security ? n % 4 != 3 : random.nextInt(50) == 0;
        List<String> calls = watched ? WATCHED : UNWATCHED;
        String[] call = calls.get(random.nextInt(calls.size())).split(":");
        ObjectNode record = LogFiles.numbered(sample, n, time);
        record.put("eventName", call[1]).put("eventSource", call[0] + ".amazonaws.com")
                .put("sourceIPAddress", "198.51." + random.nextInt(256) + "." + random.nextInt(256))
                .put("readOnly", !watched);
        ((ObjectNode) record.get("userIdentity"))
                .put("arn", "arn:aws:sts::123456789012:assumed-role/Team" + random.nextInt(20) + "/user" + n);
        record.putObject("requestParameters").put("name", "resource-" + random.nextInt(500))
                .put("fromPort", random.nextInt(65536)).put("toPort", 65535);
        if (random.nextInt(10) == 0) {
            record.put("errorCode", "AccessDenied").put("errorMessage", "User is not authorized");
        }
        return record;
    }
}
