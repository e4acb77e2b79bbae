package dev.backstop.cli.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.cli.rules.CatalogueComponent;
import dev.backstop.cli.sealed.SealedCatalogue;
import dev.backstop.config.BreakerLimits;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.CloudTrailLogReader;
import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.RuleBook;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A backtest's throughput per event, from gzipped CloudTrail log files: each operation feeds one
 * 5,000-record log file (1.4 KB a record, about 0.5 MB gzipped, held in memory so the disk is not
 * measured) through the replay the command builds once per run: gunzip, the streaming reader,
 * the engine's rule selection over the default pack with each action asked whether it applies,
 * exemptions, time order, the breakers, the tallies. The command's start (loading the pack,
 * building the catalogue) happens once per run and is not in the figure. It lives in the
 * command's package because the replay's parts are package-private.
 *
 * <p>With {@link dev.backstop.bench.CpuTimeProfiler} and one thread, {@code cpu.ops/s} is events
 * per second on one core, the JIT's and GC's threads included. The mixes are {@link BenchLogs}'s:
 * {@code routine} (one call in fifty watched) and {@code security} (three in four). The JVM is the
 * command's (C2), with a 512 MB heap and the serial collector. The JIT takes a few hundred thousand
 * events to settle on a busy machine, hence the long warm-up.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
@Fork(value = 5, jvmArgsAppend = {"-Xmx512m", "-XX:+UseSerialGC"})
@Warmup(iterations = 8, time = 5)
@Measurement(iterations = 5, time = 5)
public class BacktestBenchmark {

    static final int FILES = 12;
    static final int RECORDS = 5_000;

    @Param({"routine", "security"})
    public String mix;

    private byte[][] files;
    private PackReplay pack;
    private FileFeeder feeder;
    private BadInput bad;
    private Progress progress;
    private int next;

    @Setup
    public void setUp() {
        BenchLogs logs = new BenchLogs(mix, RECORDS);
        files = new byte[FILES][];
        for (int f = 0; f < FILES; f++) {
            files[f] = logs.file(f);
        }
        RuleBook rules = CatalogueComponent.create(Clock.systemUTC()).ruleLoader().load(List.of(DefaultPack.text()));
        SealedCatalogue catalogue = SealedCatalogue.create(Clock.systemUTC(), TrustedSet.none());
        pack = new PackReplay("rules", rules, new Deployment(Mode.ENFORCE, List.of(), List.of(), MemberAccess.singleAccount(),
                BreakerLimits.DEFAULTS, TrustedSet.none()), catalogue::applies, catalogue::actsPastBreakers);
        ObjectMapper mapper = new ObjectMapper();
        feeder = new FileFeeder(new CloudTrailLogReader(new CloudTrailEventParser(), mapper), Duration.ofHours(1));
        bad = new BadInput(new PrintWriter(OutputStream.nullOutputStream()));
        progress = new Progress(null, System::nanoTime);
    }

    /** One file through a replay, as a run reads each of its files. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long replayOneFile() {
        byte[] file = files[next];
        next = (next + 1) % FILES;
        Replay replay = new Replay(List.of(pack), Window.all(), new TimeOrder(Duration.ofHours(1)), decided -> { }, bad,
                progress, () -> -1);
        feeder.feed("bench-" + next + ".json.gz", new ByteArrayInputStream(file), replay);
        replay.finish();
        if (replay.events() != RECORDS) {
            throw new IllegalStateException("read " + replay.events() + " events of " + RECORDS);
        }
        return replay.events();
    }
}
