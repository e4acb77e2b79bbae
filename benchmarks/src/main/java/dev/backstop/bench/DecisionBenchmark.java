package dev.backstop.bench;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.RemediationAction;
import dev.backstop.audit.AuditRecord;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleSource;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeSns;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.inject.Provider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.regions.Region;

/**
 * The cost of deciding one StopLogging event, AWS calls excluded: CloudTrail, DynamoDB and SNS
 * are faked at the SDK edge (the core's test fakes), so what is timed is Backstop's own work.
 * Sampled per call, so the report has the median and the 99th percentile. Each fork runs as a
 * 512 MB Lambda function's JVM does: C1 only, memory (and so heap and collector) sized for 512 MB.
 *
 * <ul>
 *   <li>{@code parse}: bytes to a validated {@code CloudTrailEvent}
 *   <li>{@code match}: the parsed event against the default pack
 *   <li>{@code plan}: the matched action reads the trail (faked) and plans
 *   <li>{@code decide}: the three together, with the rule's exemption checks, as the engine runs them
 *   <li>{@code handle}: the whole engine in dry-run, audit record and notification built and
 *       handed to the fakes
 * </ul>
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Fork(value = 5, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxRAM=512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecisionBenchmark {

    private FakeDynamoDb dynamoDb;
    private FakeSns sns;
    private BenchComponent component;
    private CloudTrailEventParser parser;
    private RuleSource rules;
    private Map<String, Provider<RemediationAction>> catalogue;
    private byte[] payload;
    private CloudTrailEvent event;
    private ActionSpec spec;
    private RemediationAction action;

    @Setup
    public void setUp() {
        // The engine writes its EMF metric lines to standard output, as Lambda wants; here they are
        // built and written (part of a decision's cost) into a sink, not a terminal.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        dynamoDb = new FakeDynamoDb();
        sns = new FakeSns();
        Settings settings = new Settings("bench-audit", "arn:aws:sns:us-east-1:123456789012:bench", Mode.DRY_RUN, List.of());
        component = DaggerBenchComponent.factory().create(settings, Clock.systemUTC(),
                new FakeCloudTrail().trail(BenchEvents.TRAIL, false), dynamoDb, sns, Region.US_EAST_1);
        parser = component.parser();
        rules = component.rules();
        catalogue = component.catalogue();
        payload = BenchEvents.stopLogging();
        event = parser.parse(payload);
        List<Rule> matched = rules.current().match(event);
        if (matched.isEmpty()) {
            throw new IllegalStateException("the default pack does not match the StopLogging sample");
        }
        spec = matched.get(0).actions().get(0);
        action = catalogue.get(spec.action()).get();
    }

    @Benchmark
    public CloudTrailEvent parse() {
        return parser.parse(payload);
    }

    @Benchmark
    public List<Rule> match() {
        return rules.current().match(event);
    }

    @Benchmark
    public ActionPlan plan() {
        return action.plan(event, spec);
    }

    @Benchmark
    public void decide(Blackhole out) {
        CloudTrailEvent parsed = parser.parse(payload);
        Instant now = Instant.now();
        for (Rule rule : rules.current().match(parsed)) {
            Mode mode = rule.mode().capTo(Mode.DRY_RUN);
            if (mode == Mode.OFF || rule.unless().forTrigger(parsed, now).isPresent()) {
                continue;
            }
            for (ActionSpec each : rule.actions()) {
                RemediationAction planner = catalogue.get(each.action()).get();
                ActionPlan plan = planner.plan(parsed, each);
                out.consume(plan);
                if (plan.before().exists()) {
                    out.consume(rule.unless().forResource(plan.resource(), () -> planner.tags(plan), now));
                }
            }
        }
    }

    @Benchmark
    public AuditRecord handle() {
        dynamoDb.items().clear();
        sns.published().clear();
        return component.engine().handle(parser.delivery(payload));
    }
}
