package dev.backstop.bench.cold;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.cli.demo.DemoComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.TerminalContext;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Runs {@link ColdStart} in N fresh JVMs against the emulators and prints each run and the
 * median [min .. max] of every figure. Each run gets its own StopLogging event (a fresh event
 * id, so none is a duplicate) about a stopped trail, in dry-run mode, and its audit record is
 * read back from the emulator's table before the run counts.
 *
 * <pre>
 * java dev.backstop.bench.cold.ColdStartRuns --artifact DIR --harness DIR [--runs 5] [--warm 0]
 *     [--jvm "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MaxRAM=512m"] [--cds FILE] [--aot FILE] [--layout jars]
 * </pre>
 *
 * {@code --cds FILE} first runs one training JVM with {@code -XX:ArchiveClassesAtExit=FILE}, then
 * every measured run with {@code -XX:SharedArchiveFile=FILE} (AppCDS). AppCDS refuses a class path
 * with a non-empty directory on it, so it runs the artifact's jars with the harness jarred too (and
 * any class at the artifact's root, which the Makefile no longer puts there); {@code --layout jars}
 * does the same without the archive, for comparison. {@code --aot FILE} does the same with a JDK 25
 * AOT cache (JEP 483/514): the training run writes it with {@code -XX:AOTCacheOutput=FILE}, the
 * measured runs load it with {@code -XX:AOTCache=FILE} (run them on JDK 25 with
 * {@code -Dbackstop.bench.java.home}).
 */
public final class ColdStartRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String DRY_RUN = "dry-run";

    /** System property: the JDK the measured JVMs run on (another than the runner's, such as JDK 25). */
    static final String JAVA_HOME = "backstop.bench.java.home";

    private ColdStartRuns() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args, "artifact", "harness");
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int warm = Integer.parseInt(options.getOrDefault("warm", "0"));
        Path artifact = Path.of(options.get("artifact"));
        Path harness = Path.of(options.get("harness"));
        Path sample = Path.of(options.getOrDefault("sample", "events/cloudtrail/stop-logging.json"));
        List<String> jvm = new ArrayList<>(Arrays.asList(
                options.getOrDefault("jvm", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MaxRAM=512m").trim().split("\\s+")));
        jvm.removeIf(String::isEmpty);
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "benchmarks/target/cold")));

        requireLocalEndpoint();
        DemoWorld world = DemoComponent.create().world();
        DemoWorld.Stage stage = world.build("bench-cold-" + UUID.randomUUID().toString().substring(0, 8));
        world.stopLogging(stage);
        boolean jars = options.containsKey("cds") || options.containsKey("aot") || "jars".equals(options.get("layout"));
        String classpath = jars ? jarLayout(artifact, harness, cliJar(), work.resolve("jars")) : classpath(artifact, harness);
        System.out.printf("emulator stage: table %s, topic %s, trail %s (stopped), mode dry-run%n",
                stage.auditTable(), stage.topicArn(), stage.trailName());
        System.out.printf("child JVM: java %s -cp %s dev.backstop.bench.cold.ColdStart EVENT%n", String.join(" ", jvm), classpath);

        if (options.containsKey("cds")) {
            train(Training.APP_CDS, Path.of(options.get("cds")), jvm,
                    training -> run(training, classpath, work, world, stage, sample, "cds-training", 0, DRY_RUN));
        }
        if (options.containsKey("aot")) {
            train(Training.AOT, Path.of(options.get("aot")), jvm,
                    training -> run(training, classpath, work, world, stage, sample, "aot-training", 0, DRY_RUN));
        }

        List<Map<String, String>> results = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Map<String, String> result = run(jvm, classpath, work, world, stage, sample, "run-" + i, warm, DRY_RUN);
            results.add(result);
            System.out.println("run " + i + ": " + result);
        }
        summarize(results);
    }

    /** The artifact as Lambda lays it out, then the harness and the cli jar. */
    static String classpath(Path artifact, Path harness) throws Exception {
        return String.join(File.pathSeparator, artifact.toString(), artifact.resolve("lib") + File.separator + "*",
                harness.toString(), cliJar().toString());
    }

    /** The harness hands the handler the command line's Lambda context, from the cli jar. */
    private static Path cliJar() throws Exception {
        return Path.of(TerminalContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * The artifact's jars, and the harness (and any class at the artifact's root) in jars of their
     * own: AppCDS refuses a class path holding a non-empty directory.
     */
    static String jarLayout(Path artifact, Path harness, Path into) throws Exception {
        return jarLayout(artifact, harness, cliJar(), into);
    }

    private static String jarLayout(Path artifact, Path harness, Path cli, Path into) throws IOException {
        Files.createDirectories(into);
        Files.copy(cli, into.resolve(cli.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        try (var jars = Files.list(artifact.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, into.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        jar(artifact, into.resolve("artifact-root.jar"), "lib");
        jar(harness, into.resolve("harness.jar"), null);
        return into + File.separator + "*";
    }

    private static void jar(Path dir, Path jar, String skip) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(file).toString().replace(File.separatorChar, '/');
                if (skip == null || !name.startsWith(skip + "/")) {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }
    }

    /** The runs create a trail and stop it: never anywhere but on this machine's emulators. */
    static void requireLocalEndpoint() {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        String host = endpoint == null ? null : URI.create(endpoint).getHost();
        if (host == null || !(host.equals("127.0.0.1") || host.equals("localhost"))) {
            throw new IllegalStateException("the cold-start runs need the local emulators (AWS_ENDPOINT_URL is "
                    + endpoint + "): scripts/emulators start && eval \"$(scripts/emulators env)\"");
        }
    }

    /** A class archive one training run writes and the measured runs load: the JVM flags of each. */
    enum Training {
        APP_CDS("AppCDS archive", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile="),
        AOT("AOT cache", "-XX:AOTCacheOutput=", "-XX:AOTCache=");

        final String what;
        final String write;
        final String read;

        Training(String what, String write, String read) {
            this.what = what;
            this.write = write;
            this.read = read;
        }
    }

    /** What a training run is: one cold start with the given JVM flags. */
    interface TrainingRun {
        void run(List<String> jvm) throws Exception;
    }

    /** Writes {@code archive} by one training run, then adds the flag that loads it to {@code jvm}. */
    static void train(Training kind, Path archive, List<String> jvm, TrainingRun run) throws Exception {
        Files.deleteIfExists(archive);
        List<String> training = new ArrayList<>(jvm);
        training.add(kind.write + archive);
        run.run(training);
        jvm.add(kind.read + archive);
        System.out.printf("%s %s (%.1f MB) from one training run; measured runs add %s%n",
                kind.what, archive, Files.size(archive) / 1048576.0, kind.read + archive);
    }

    /**
     * Starts the process, takes the wall-clock time from spawning it to its
     * {@link ColdStart#FIRST_EVENT_DONE} line, and returns the {@code name=value} fields of its
     * line that starts with {@code prefix}, with {@code wall_ms}. Its standard error goes to
     * {@code WORK/NAME.log}.
     */
    static Map<String, String> timed(ProcessBuilder builder, String prefix, Path work, String name) throws IOException,
            InterruptedException {
        Path log = work.resolve(name + ".log");
        long spawned = System.nanoTime();
        Process process = builder.redirectError(log.toFile()).start();
        String fields = null;
        double wall = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(ColdStart.FIRST_EVENT_DONE)) {
                    wall = (System.nanoTime() - spawned) / 1e6;
                } else if (line.startsWith(prefix + " ")) {
                    fields = line.substring(prefix.length() + 1);
                }
            }
        }
        int exit = process.waitFor();
        if (fields == null || exit != 0) {
            throw new IllegalStateException(name + " failed (exit " + exit + "); see " + log);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String field : fields.split(" ")) {
            String[] pair = field.split("=", 2);
            result.put(pair[0], pair[1]);
        }
        // From spawning the process to its line after the first event.
        result.put("wall_ms", String.format(Locale.ROOT, "%.1f", wall));
        return result;
    }

    /**
     * One cold start in a fresh JVM on the first of {@code warm + 1} fresh StopLogging events, in
     * {@code mode} ({@code dry-run} or {@code enforce}); its audit record must be in the table.
     */
    static Map<String, String> run(List<String> jvm, String classpath, Path work, DemoWorld world,
            DemoWorld.Stage stage, Path sample, String name, int warm, String mode) throws Exception {
        return run(jvm, classpath, work, world, Collections.nCopies(warm + 1, stage), sample, name, mode);
    }

    /**
     * One cold start in a fresh JVM on a fresh StopLogging event about each stage's trail: the
     * first decided cold, the others warm after it; the first's audit record must be in the table.
     */
    static Map<String, String> run(List<String> jvm, String classpath, Path work, DemoWorld world,
            List<DemoWorld.Stage> stages, Path sample, String name, String mode) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty(JAVA_HOME, System.getProperty("java.home")), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(List.of("-cp", classpath, ColdStart.class.getName()));
        String eventId = null;
        for (int i = 0; i < stages.size(); i++) {
            byte[] event = world.stopLoggingEvent(sample, stages.get(i));
            Path file = work.resolve(name + "-event-" + i + ".json");
            Files.write(file, event);
            command.add(file.toString());
            if (i == 0) {
                eventId = JSON.readTree(event).path("detail").path("eventID").asText();
            }
        }
        DemoWorld.Stage stage = stages.get(0);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("BACKSTOP_AUDIT_TABLE", stage.auditTable());
        builder.environment().put("BACKSTOP_TOPIC_ARN", stage.topicArn());
        builder.environment().put("BACKSTOP_MODE", mode);
        // wall_ms: the figure the 1.0 s target is about.
        Map<String, String> result = timed(builder, "COLD", work, name);
        String id = eventId;
        String audited = world.auditItem(stage, id).map(item -> item.get("outcome").s())
                .orElseThrow(() -> new IllegalStateException(name + ": no audit record for event " + id));
        result.put("audited", audited);
        return result;
    }

    static void summarize(List<Map<String, String>> results) {
        System.out.printf("%nsummary of %d runs: median [min .. max]%n", results.size());
        for (String key : results.get(0).keySet()) {
            double[] values = new double[results.size()];
            try {
                for (int i = 0; i < values.length; i++) {
                    values[i] = Double.parseDouble(results.get(i).get(key));
                }
            } catch (NumberFormatException | NullPointerException notANumber) {
                System.out.printf("  %-24s %s%n", key, results.stream().map(r -> r.get(key)).distinct().toList());
                continue;
            }
            Arrays.sort(values);
            System.out.printf(Locale.ROOT, "  %-24s %8.1f [%.1f .. %.1f]%n", key, median(values), values[0], values[values.length - 1]);
        }
    }

    /** The median of sorted values. */
    static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The command line's {@code --name value} pairs, every one of {@code required} among them. */
    static Map<String, String> options(String[] args, String... required) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, found " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        for (String name : required) {
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
        }
        return options;
    }
}
