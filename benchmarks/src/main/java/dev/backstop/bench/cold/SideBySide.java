package dev.backstop.bench.cold;

import dev.backstop.cli.demo.DemoComponent;
import dev.backstop.cli.demo.DemoWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Backstop's CloudTrail function against Cloud Custodian's Lambda policy, cold, side by side:
 * the same StopLogging event about the same stopped trail on the same emulator, each system in a
 * fresh process per round, both acting (Backstop in enforce mode with its audit record and
 * notification; Custodian's {@code set-logging}) on a trail, audit table and topic made for the
 * round, the order alternated round by round so that
 * load drifting over the runs touches both alike. The trail is stopped again before every run
 * and each run counts only once it is seen to have acted: the trail logs again (and Backstop's
 * audit record says REMEDIATED).
 *
 * <pre>
 * java dev.backstop.bench.cold.SideBySide --artifact DIR --harness DIR --python PY --package DIR
 *     --runner FILE [--rounds 7] [--warm 3] [--jvm "FLAGS"] [--aot FILE]
 * </pre>
 *
 * After its first event each process decides {@code --warm} more, each about a stopped trail of
 * its own, as a warm container would, and reports the median of their wall times; the cold
 * figures (wall to the first event's end, CPU up to it) do not include them.
 *
 * {@code --package} is Custodian's function as its {@code mu} module packages it (see
 * {@code benchmarks/custodian/package.py}); {@code --runner} stands in for Lambda's Python runtime
 * ({@code lambda_run.py}). {@code -Dbackstop.bench.java.home=DIR} runs Backstop on another JDK;
 * {@code --aot FILE} (JDK 25) gives Backstop an AOT cache written by one training run of the
 * harness before the rounds (on the artifact's jars: the cache, like AppCDS, refuses directories).
 */
public final class SideBySide {

    private static final String BACKSTOP = "backstop";
    private static final String PEER = "custodian";
    private static final String ENFORCE = "enforce";

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ColdStartRuns.options(args, "artifact", "harness", "python", "package", "runner");
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "7"));
        int warm = Integer.parseInt(options.getOrDefault("warm", "3"));
        if (rounds < 5) {
            throw new IllegalArgumentException("--rounds must be at least 5, found " + rounds);
        }
        Path artifact = Path.of(options.get("artifact"));
        Path harness = Path.of(options.get("harness"));
        Path python = Path.of(options.get("python")).toAbsolutePath();
        Path pkg = Path.of(options.get("package")).toAbsolutePath();
        Path runner = Path.of(options.get("runner")).toAbsolutePath();
        Path sample = Path.of(options.getOrDefault("sample", "events/cloudtrail/stop-logging.json"));
        List<String> jvm = new ArrayList<>(Arrays.asList(options.getOrDefault("jvm", "").trim().split("\\s+")));
        jvm.removeIf(String::isEmpty);
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "benchmarks/target/side-by-side")));

        ColdStartRuns.requireLocalEndpoint();
        DemoWorld world = DemoComponent.create().world();
        String prefix = "bench-peer-" + UUID.randomUUID().toString().substring(0, 8);
        DemoWorld.Stage stage = world.build(prefix + "-0");
        boolean aot = options.containsKey("aot");
        String classpath = aot ? ColdStartRuns.jarLayout(artifact, harness, work.resolve("jars"))
                : ColdStartRuns.classpath(artifact, harness);
        System.out.printf("emulator stages %s-N: a table, a topic and a trail (stopped before each run) per round;"
                + " both systems act (Backstop: enforce)%n", prefix);
        System.out.printf("backstop: java %s -cp %s dev.backstop.bench.cold.ColdStart EVENT%n",
                String.join(" ", jvm), classpath);
        System.out.printf("custodian: (cd %s && PYTHONPATH=. %s %s EVENT)%n", pkg, python, runner);

        // One run of each first, not counted: the disk cache and the emulator's first calls; with
        // --aot, Backstop's writes the cache.
        world.stopLogging(stage);
        if (aot) {
            DemoWorld.Stage trainOn = stage;
            ColdStartRuns.train(ColdStartRuns.Training.AOT, Path.of(options.get("aot")), jvm,
                    training -> ColdStartRuns.run(training, classpath, work, world, trainOn, sample, "aot-training", 0, ENFORCE));
        } else {
            ColdStartRuns.run(jvm, classpath, work, world, stage, sample, "warm-up-backstop", 0, ENFORCE);
        }
        world.stopLogging(stage);
        peer(python, pkg, runner, work, world, List.of(stage), sample, "warm-up-custodian");

        Map<String, List<Map<String, String>>> results = new LinkedHashMap<>();
        results.put(BACKSTOP, new ArrayList<>());
        results.put(PEER, new ArrayList<>());
        List<Double> loads = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            loads.add(loadAverage());
            // A world of its own each round: Backstop's blast-radius and flapping breakers count
            // the remediations of a table's account and trail, and would stop acting after a few.
            stage = world.build(prefix + "-" + round);
            List<String> order = round % 2 == 1 ? List.of(BACKSTOP, PEER) : List.of(PEER, BACKSTOP);
            for (String system : order) {
                String name = system + "-" + round;
                // The warm events, each about a stopped trail of its own, so that every one acts.
                List<DemoWorld.Stage> stages = new ArrayList<>(List.of(stage));
                for (int i = 1; i <= warm; i++) {
                    stages.add(world.withTrail(stage, stage.trailName() + "-" + name + "-" + i));
                }
                stages.forEach(world::stopLogging);
                Map<String, String> result = system.equals(BACKSTOP)
                        ? ColdStartRuns.run(jvm, classpath, work, world, stages, sample, name, ENFORCE)
                        : peer(python, pkg, runner, work, world, stages, sample, name);
                if (!stages.stream().allMatch(world::isLogging)
                        || system.equals(BACKSTOP) && !"REMEDIATED".equals(result.get("audited"))) {
                    throw new IllegalStateException(name + " did not turn logging back on: " + result);
                }
                results.get(system).add(result);
                System.out.printf("round %d %-9s %s%n", round, system, result);
            }
            loads.add(loadAverage());
        }

        for (Map.Entry<String, List<Map<String, String>>> system : results.entrySet()) {
            System.out.printf("%n%s:", system.getKey());
            ColdStartRuns.summarize(system.getValue());
        }
        double[] load = loads.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%nload average (1 min) during the rounds: %.1f .. %.1f%n", load[0], load[load.length - 1]);
        for (String figure : warm > 0 ? List.of("wall_ms", "cpu_ms", "warm_median_ms") : List.of("wall_ms", "cpu_ms")) {
            double ours = median(results.get(BACKSTOP), figure);
            double theirs = median(results.get(PEER), figure);
            System.out.printf(Locale.ROOT, "%s: Backstop %,.0f ms, Custodian %,.0f ms (medians of %d rounds): Backstop takes %.2f times Custodian's%n",
                    figure, ours, theirs, rounds, ours / theirs);
        }
    }

    /**
     * One cold start of Custodian's function in a fresh Python process on a fresh event about the
     * first stage's trail, then warm, in the same process, on one about each other stage's trail.
     */
    private static Map<String, String> peer(Path python, Path pkg, Path runner, Path work, DemoWorld world,
            List<DemoWorld.Stage> stages, Path sample, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(python.toString(), runner.toString()));
        for (int i = 0; i < stages.size(); i++) {
            Path event = work.resolve(name + "-event-" + i + ".json").toAbsolutePath();
            Files.write(event, world.stopLoggingEvent(sample, stages.get(i)));
            command.add(event.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(pkg.toFile());
        builder.environment().put("PYTHONPATH", pkg.toString());
        // Custodian reads a trail's tags through the tagging API, served by the trail's emulator.
        String trails = System.getenv("AWS_ENDPOINT_URL_CLOUDTRAIL");
        if (trails != null) {
            builder.environment().put("AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API", trails);
        }
        Map<String, String> result = ColdStartRuns.timed(builder, "PEER", work, name);
        result.put("acted", "logging");
        return result;
    }

    private static double median(List<Map<String, String>> runs, String figure) {
        return ColdStartRuns.median(runs.stream().mapToDouble(run -> Double.parseDouble(run.get(figure))).sorted().toArray());
    }

    private static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
