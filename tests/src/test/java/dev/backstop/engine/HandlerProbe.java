package dev.backstop.engine;

import dev.backstop.audit.AuditRecord;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.JsonInput;
import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.RuleLoader;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeEc2;
import dev.backstop.testing.FakeIam;
import dev.backstop.testing.FakeLambda;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.FakeS3Control;
import dev.backstop.testing.FakeS3Objects;
import dev.backstop.testing.FakeSns;
import dev.backstop.testing.NothingRelated;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestRules;
import dev.backstop.text.Shown;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * The handler path for the hostile corpus, run in a JVM of its own with the functions' heap: each
 * event as the CloudTrail function takes it (its bytes read as {@code DecisionHandler} reads them,
 * decided by the production engine with the SDK at its edge), each alarm as the alarm functions do,
 * each rule file as a rule refresh reads it from S3. One line per case on standard output,
 * {@code ID<TAB>OUTCOME<TAB>REASON}, written before the next case starts, so a case that kills the
 * JVM is the one after the last line.
 */
public final class HandlerProbe {

    private HandlerProbe() {
    }

    /**
     * Arguments: a file of cases, one {@code KIND<TAB>ID<TAB>PATH} a line, and the file to write the
     * results to (standard output carries the engine's own log lines).
     */
    public static void main(String[] args) throws IOException {
        Clock clock = Clock.systemUTC();
        try (PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[1])), true, StandardCharsets.UTF_8)) {
            for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", 3);
                String result;
                try {
                    result = decide(fields[0], Path.of(fields[2]), clock);
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    // Never expected: the test fails the case with this, and the probe goes on to the next one.
                    result = "THREW\t" + e.getClass().getSimpleName() + ": " + oneLine(String.valueOf(e.getMessage()));
                }
                out.println(fields[1] + "\t" + result);
            }
        }
    }

    private static String decide(String kind, Path file, Clock clock) throws IOException {
        return switch (kind) {
            case "EVENT" -> {
                AuditRecord decision = engine(clock, new FakeS3Objects().failWith(() -> new IllegalStateException(
                        "the probe's events use the shipped rules only"))).handle(new CloudTrailEventParser().deliveries(read(file)))
                        .get(0);
                yield decision.outcome() + "\t" + oneLine(decision.reason());
            }
            case "ALARM" -> {
                List<AuditRecord> decisions = alarmEngine(clock).handle(new AlarmPayloadParser().deliveries(read(file)));
                yield decisions.stream().map(d -> d.outcome().toString()).distinct().sorted().collect(Collectors.joining(","))
                        + "\t" + oneLine(decisions.stream().map(AuditRecord::reason).collect(Collectors.joining(" | ")));
            }
            case "RULES" -> refresh(Files.readAllBytes(file), clock);
            default -> throw new IllegalArgumentException("no handler path for " + kind);
        };
    }

    /** The bytes as the handlers read their input: at most the event limit and one byte more. */
    private static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return JsonInput.readCapped(in);
        }
    }

    /** The engine of every CloudTrail function, each SDK client a fake; a team rule file, if the settings name one, from S3. */
    private static RemediationEngine engine(Clock clock, FakeS3Objects ruleFile) {
        return engine(clock, ruleFile, Optional.empty());
    }

    private static RemediationEngine engine(Clock clock, FakeS3Objects ruleFile, Optional<RulesLocation> location) {
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of(),
                location, Duration.ofMinutes(5));
        return DaggerProbeComponent.factory().create(settings, clock, ruleFile, new FakeCloudTrail(), new FakeDynamoDb(),
                new FakeSns(), new FakeEc2(), new FakeIam(), new FakeS3(), new FakeS3Control(), new FakeLambda(),
                Region.US_EAST_1).engine();
    }

    private static RemediationEngine alarmEngine(Clock clock) {
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of());
        var book = new RuleLoader(TestRules.CATALOGUE, clock).load(List.of(DefaultPack.text()));
        return DaggerAlarmTestComponent.factory().create(settings, clock, () -> book, new RecordingAlarmAction(),
                NothingRelated.cloudTrail(), new FakeDynamoDb(), new FakeSns(), NothingRelated.ec2(), NothingRelated.iam(),
                NothingRelated.lambda()).engine();
    }

    /**
     * A team rule file read by a rule refresh, and then a StopLogging event decided: the refresh must
     * count the file as rejected or loaded, and the decision must be made either way.
     */
    private static String refresh(byte[] content, Clock clock) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream telemetry = new ByteArrayOutputStream();
        System.setOut(new PrintStream(telemetry, true, StandardCharsets.UTF_8));
        try {
            AuditRecord decision = engine(clock, new FakeS3Objects().put(content),
                    Optional.of(RulesLocation.parse("s3://team-rules/team.yaml")))
                    .handle(new CloudTrailEventParser().delivery(SampleEvents.edited("cloudtrail/stop-logging.json", e -> { })));
            String logged = telemetry.toString(StandardCharsets.UTF_8);
            String load = logged.contains("\"RuleFileRejected\"") ? "REJECTED" : logged.contains("rules loaded") ? "LOADED"
                    : "UNREAD";
            return load + "\t" + decision.outcome() + " " + oneLine(firstError(logged));
        } finally {
            System.setOut(stdout);
        }
    }

    private static String firstError(String telemetry) {
        int at = telemetry.indexOf("\"errors\":[\"");
        return at < 0 ? "" : telemetry.substring(at + 11, Math.min(telemetry.length(), at + 11 + 300));
    }

    private static String oneLine(String text) {
        return Shown.truncated(text, 400);
    }
}
