package dev.backstop.bench.cold;

import dev.backstop.cli.demo.DemoComponent;
import dev.backstop.cli.demo.DemoWorld;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The AWS calls one decision makes, counted at the SDK's edge ({@link CallLog}), in dry-run and in
 * enforce mode: one fresh JVM per mode runs the CloudTrail handler from its Lambda artifact on
 * {@code 1 + warm} StopLogging events, each about a stopped trail of its own (so every one of
 * them acts), and prints the calls of the first event (the cold start's, which include what a
 * container does once) and of each warm one.
 *
 * <pre>
 * java dev.backstop.bench.cold.CallCounts --artifact DIR --harness DIR [--warm 3]
 * </pre>
 */
public final class CallCounts {

    /** One event's outcome and the calls its decision made. */
    private record Decided(String outcome, List<String> calls) {
    }

    private CallCounts() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ColdStartRuns.options(args, "artifact", "harness");
        int warm = Integer.parseInt(options.getOrDefault("warm", "3"));
        if (warm < 1) {
            throw new IllegalArgumentException("--warm must be at least 1, found " + warm);
        }
        Path artifact = Path.of(options.get("artifact"));
        Path harness = Path.of(options.get("harness"));
        Path sample = Path.of(options.getOrDefault("sample", "events/cloudtrail/stop-logging.json"));
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "benchmarks/target/calls")));
        ColdStartRuns.requireLocalEndpoint();

        // The SDK reads this list from the class path and adds CallLog to every client it builds.
        Path interceptors = work.resolve("interceptors");
        Path list = interceptors.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(list.getParent());
        Files.writeString(list, CallLog.class.getName() + "\n");
        String classpath = ColdStartRuns.classpath(artifact, harness) + File.pathSeparator + interceptors;

        DemoWorld world = DemoComponent.create().world();
        for (String mode : List.of(ColdStartRuns.DRY_RUN, "enforce")) {
            List<Decided> events = decide(world, mode, warm, sample, classpath, work);
            System.out.printf("%n%s: %d events, each about a stopped trail of its own%n", mode, events.size());
            for (int i = 0; i < events.size(); i++) {
                Decided event = events.get(i);
                System.out.printf("  %-14s %-16s %2d calls  %s%n", i == 0 ? "first (cold)" : "warm " + i, event.outcome(),
                        event.calls().size(), tally(event.calls()));
            }
        }
    }

    /** Each event's decision, in the order the events were decided. */
    private static List<Decided> decide(DemoWorld world, String mode, int warm, Path sample, String classpath, Path work)
            throws Exception {
        DemoWorld.Stage stage = world.build("bench-calls-" + UUID.randomUUID().toString().substring(0, 8));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxRAM=512m", "-D" + ColdStart.CALLS + "=true",
                "-cp", classpath, ColdStart.class.getName()));
        for (int i = 0; i <= warm; i++) {
            DemoWorld.Stage own = i == 0 ? stage : world.withTrail(stage, stage.trailName() + "-" + i);
            world.stopLogging(own);
            Path event = work.resolve(mode + "-event-" + i + ".json");
            Files.write(event, world.stopLoggingEvent(sample, own));
            command.add(event.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(work.resolve(mode + ".log").toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("BACKSTOP_AUDIT_TABLE", stage.auditTable());
        builder.environment().put("BACKSTOP_TOPIC_ARN", stage.topicArn());
        builder.environment().put("BACKSTOP_MODE", mode);
        Process process = builder.start();
        List<Decided> calls = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("CALLS ")) {
                    String[] fields = line.split(" ", 4);
                    calls.add(new Decided(fields[2].substring("outcome=".length()),
                            fields.length < 4 || fields[3].isEmpty() ? List.of() : Arrays.asList(fields[3].split(","))));
                }
            }
        }
        if (process.waitFor() != 0 || calls.size() != warm + 1) {
            throw new IllegalStateException(mode + " run failed (exit " + process.exitValue() + ", " + calls.size()
                    + " events counted); see " + work.resolve(mode + ".log"));
        }
        return calls;
    }

    /** {@code DynamoDb.PutItem ×3, CloudTrail.GetTrail, ...}, in the order each first appears. */
    private static String tally(List<String> calls) {
        Map<String, Long> counts = calls.stream().collect(Collectors.groupingBy(call -> call, LinkedHashMap::new,
                Collectors.counting()));
        return counts.entrySet().stream().map(entry -> entry.getKey() + (entry.getValue() > 1 ? " ×" + entry.getValue() : ""))
                .collect(Collectors.joining(", "));
    }
}
