package dev.backstop.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.cli.BackstopCli;
import dev.backstop.testing.LogFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import picocli.CommandLine;

/**
 * {@code ./backstop backtest} on a folder of gzipped CloudTrail log files, as a trail writes them:
 * the whole command each operation (rules loaded, files read from disk and gunzipped, records
 * parsed, matched against the default pack, decided, breakers counted, the summary written to
 * nowhere), reported per event. With {@link CpuTimeProfiler} and one thread, {@code cpu.ops/s} is
 * events per second on one core. Two mixes of 1.4 KB records: {@code routine}, where one call in
 * fifty is one the pack watches (most of a real trail is reads and routine writes), and
 * {@code security}, {@link BenchEvents#mix}'s three watched calls in four. The JVM is the
 * command's (C2), with a 512 MB heap and the serial collector.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
@Fork(value = 5, jvmArgsAppend = {"-Xmx512m", "-XX:+UseSerialGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BacktestBenchmark {

    static final int FILES = 10;
    static final int RECORDS_PER_FILE = 5_000;
    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    @Param({"routine", "security"})
    public String mix;

    private ObjectNode sample;
    private Path folder;
    private CommandLine command;

    @Setup
    public void writeLogs() throws IOException {
        sample = LogFiles.record("cloudtrail/stop-logging.json");
        folder = Files.createTempDirectory("backtest-bench");
        Path day = Files.createDirectories(folder.resolve("AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/20"));
        Random random = new Random(42);
        for (int f = 0; f < FILES; f++) {
            Instant written = START.plusSeconds(300L * (f + 1));
            String name = String.format("123456789012_CloudTrail_us-east-1_20261120T%02d%02dZ_bench%d.json.gz",
                    (f + 1) * 5 / 60, (f + 1) * 5 % 60, f);
            int file = f;
            try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(day.resolve(name)), 1 << 16)) {
                LogFiles.write(out, RECORDS_PER_FILE, n -> record(random, file * RECORDS_PER_FILE + n,
                        written.minusSeconds(300).plusMillis(n * 300_000L / RECORDS_PER_FILE)));
            }
        }
        command = BackstopCli.commandLine(Map.of(), Clock.systemUTC());
        command.setOut(new PrintWriter(OutputStream.nullOutputStream()));
        command.setErr(new PrintWriter(OutputStream.nullOutputStream()));
    }

    @TearDown
    public void removeLogs() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(FILES * RECORDS_PER_FILE)
    public int backtest() {
        int exit = command.execute("backtest", folder.toString());
        if (exit != 0) {
            throw new IllegalStateException("backtest ended " + exit);
        }
        return exit;
    }

    /** A record of the mix: the sample's shape, about another call, caller and address. */
    private ObjectNode record(Random random, int n, Instant time) {
        boolean watched = mix.equals("security") ? n % 4 != 3 : random.nextInt(50) == 0;
        ApiCalls.Call call = watched ? ApiCalls.ALL.get(random.nextInt(ApiCalls.ALL.size()))
                : ApiCalls.UNWATCHED.get(random.nextInt(ApiCalls.UNWATCHED.size()));
        ObjectNode record = LogFiles.numbered(sample, n, time);
        record.put("eventName", call.eventName()).put("eventSource", call.eventSource())
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
