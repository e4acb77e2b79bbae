package dev.backstop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching throughput on one thread: parsed events, a varied mix of 256 (see
 * {@link BenchEvents#mix}), against the default pack alone ({@code generatedRules=0}) and with
 * 1,000 generated rules of mixed pattern kinds added through {@code RuleLoader}, as a dense pack
 * ({@code 1000}: three kinds in seven match calls by prefix, case or {@code $or}) and as one whose
 * every rule names its call ({@code 1000-named}). Forks run with
 * the JVM flags of a 512 MB Lambda function, as {@link DecisionBenchmark} does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
@Fork(value = 5, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxRAM=512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatchBenchmark {

    private static final int EVENTS = 256;

    // "1000-named": the same kinds, but each rule names its call exactly (GeneratedRules.book).
    @Param({"0", "1000", "1000-named"})
    public String generatedRules;

    private RuleBook book;
    private CloudTrailEvent[] events;
    private int next;

    @Setup
    public void setUp() {
        book = GeneratedRules.book(Integer.parseInt(generatedRules.replace("-named", "")),
                generatedRules.endsWith("-named"));
        CloudTrailEventParser parser = new CloudTrailEventParser();
        events = BenchEvents.mix(EVENTS, 42).stream().map(parser::parse).toArray(CloudTrailEvent[]::new);
        long matching = java.util.Arrays.stream(events).filter(event -> !book.match(event).isEmpty()).count();
        System.out.printf("%n%d rules; %d of %d events match at least one%n", book.size(), matching, EVENTS);
    }

    @Benchmark
    public List<Rule> match() {
        CloudTrailEvent event = events[next];
        next = (next + 1) % EVENTS;
        return book.match(event);
    }
}
