package dev.backstop.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.engine.HandlerProbe;
import dev.backstop.tests.hostile.HostileCase.Kind;
import dev.backstop.tests.hostile.HostileCase.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of the hostile corpus through {@code ./backstop plan} or {@code ./backstop validate}
 * as a user runs them (a JVM of its own with a 512 MB heap), and through the handler path (a JVM
 * of its own with a 512 MB heap, see {@link HandlerProbe}). Each must end cleanly with a one-line
 * result that says what it must say, and the two paths must agree on every event and alarm.
 *
 * <p>Runs behind the {@code hostile} tag (a few minutes: hundreds of JVMs on two cores); the slowest
 * cases are printed, since a stall limit is no speed assertion.
 */
@Tag("hostile")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCorpusTest {

    private static final int PARALLEL = 2;

    private Path folder;

    private final List<HostileCase> cases = HostileCorpus.all();
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final Map<String, CliRun> cli = new LinkedHashMap<>();
    private final Map<String, String> handler = new LinkedHashMap<>();
    private String handlerEnd = "";

    @BeforeAll
    void runEveryCaseThroughBothPaths(@TempDir Path temporary) throws Exception {
        folder = temporary;
        for (HostileCase hostile : cases) {
            Path file = folder.resolve("corpus").resolve(hostile.fileName());
            Files.createDirectories(file.getParent());
            hostile.content().writeTo(file);
            files.put(hostile.id(), file);
        }
        Path repository = Path.of("").toAbsolutePath().getParent();
        Path scratch = Files.createDirectories(folder.resolve("scratch"));
        Path archive = CliRun.classArchive(repository, scratch, repository.resolve("events").resolve(EventCorpus.SAMPLE));
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        Map<String, Future<CliRun>> runs = new LinkedHashMap<>();
        for (HostileCase hostile : cases) {
            String command = hostile.kind() == Kind.RULES ? "validate" : "plan";
            String path = files.get(hostile.id()).toString();
            runs.put(hostile.id(), pool.submit(() -> hostile.kind() == Kind.LOG_FILE
                    ? CliRun.of(repository, scratch, archive, command, "--json", path)
                    : CliRun.of(repository, scratch, archive, command, path)));
        }
        Future<List<String>> probe = pool.submit(this::probeHandlers);
        for (Map.Entry<String, Future<CliRun>> run : runs.entrySet()) {
            cli.put(run.getKey(), run.getValue().get());
        }
        for (String line : probe.get()) {
            String[] fields = line.split("\t", 2);
            if (fields.length == 2 && files.containsKey(fields[0])) {
                handler.put(fields[0], fields[1]);
            } else {
                handlerEnd += line + "\n";
            }
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    /** Every event, alarm and rule file through the handler path, in one JVM with the functions' heap. */
    private List<String> probeHandlers() throws IOException, InterruptedException {
        Path list = folder.resolve("handler-cases.tsv");
        Files.write(list, cases.stream().filter(hostile -> hostile.kind() != Kind.LOG_FILE)
                .map(hostile -> hostile.kind() + "\t" + hostile.id() + "\t" + files.get(hostile.id())).toList());
        Path output = folder.resolve("handler-results.tsv");
        Files.createFile(output);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), HandlerProbe.class.getName(),
                list.toString(), output.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(folder.resolve("handler-errors.txt").toFile()).start();
        if (!process.waitFor(CliRun.STALL.toMinutes() * 4, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(output, StandardCharsets.UTF_8));
        lines.add("exit " + process.exitValue() + ": " + tail(folder.resolve("handler-errors.txt")));
        return lines;
    }

    @AfterAll
    void printTheSlowestCases() {
        System.out.println("hostile corpus: " + cases.size() + " cases, " + cases.stream().collect(Collectors.groupingBy(
                HostileCase::group, LinkedHashMap::new, Collectors.counting())));
        System.out.println("slowest ./backstop runs (each a fresh JVM, -Xmx512m):");
        cli.entrySet().stream().sorted(Comparator.comparing((Map.Entry<String, CliRun> run) -> run.getValue().took()).reversed())
                .limit(10).forEach(run -> System.out.printf("  %6d ms  %s%n", run.getValue().took().toMillis(), run.getKey()));
    }

    @TestFactory
    Stream<DynamicTest> everyCaseEndsCleanlyWithTheResultItMustHave() {
        return cases.stream().map(hostile -> DynamicTest.dynamicTest(hostile.id(), () -> {
            CliRun run = cli.get(hostile.id());
            String as = hostile.id() + ": " + run.firstLine();
            assertThat(run.stalled()).as(as + " (stalled)").isFalse();
            assertThat(run.problems()).as(as).isEmpty();
            assertThat(run.longestLine()).as(as + " (longest line)").isLessThan(20_000);
            if (hostile.kind() != Kind.LOG_FILE) {
                assertThat(run.lineCount()).as(as + " (lines printed)").isLessThan(150);
            }
            assertThat(run.exitCode()).as(as + "\n" + run.everything()).isEqualTo(hostile.verdict() == Verdict.ACCEPTED ? 0 : 1);
            // A rule file's result is its list of errors, one FILE:LINE a line; a log file's, a line per record.
            String result = hostile.kind() == Kind.LOG_FILE || hostile.kind() == Kind.RULES ? run.everything() : run.firstLine();
            for (String mention : hostile.mentions()) {
                assertThat(result).as(as).contains(mention);
            }
            for (String absent : hostile.absent()) {
                assertThat(run.everything()).as(as).doesNotContain(absent);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theHandlerPathEndsCleanlyAndAgreesWithThePlan() {
        return cases.stream().filter(hostile -> hostile.kind() != Kind.LOG_FILE).map(hostile ->
                DynamicTest.dynamicTest(hostile.id(), () -> {
                    String decided = handler.get(hostile.id());
                    assertThat(decided).as(hostile.id() + ": the handler probe ended before it; " + handlerEnd).isNotNull();
                    String outcome = decided.split("\t", 2)[0];
                    assertThat(outcome).as(hostile.id() + ": " + decided).isNotEqualTo("THREW");
                    String reason = decided.contains("\t") ? decided.split("\t", 2)[1] : "";
                    CliRun run = cli.get(hostile.id());
                    if (hostile.kind() == Kind.RULES) {
                        // A rule file is refused by a refresh as by validate, and a decision is made either way.
                        assertThat(outcome).as(hostile.id() + ": " + reason)
                                .isEqualTo(hostile.verdict() == Verdict.REFUSED ? "REJECTED" : "LOADED");
                        assertThat(reason).as(hostile.id()).doesNotStartWith("REJECTED");
                        return;
                    }
                    boolean planRejected = run.firstLine().contains(": rejected: ");
                    assertThat(outcome.contains("REJECTED")).as(hostile.id() + ": handler " + decided + "; plan " + run.firstLine())
                            .isEqualTo(planRejected);
                    if (planRejected) {
                        String field = run.firstLine().substring(run.firstLine().indexOf(": rejected: ") + ": rejected: ".length());
                        field = field.substring(0, field.indexOf(": "));
                        assertThat(reason).as(hostile.id() + ": the handler names the field the plan names").contains(field + ": ");
                    } else if (!outcome.contains("IGNORED")) {
                        assertThat(actingRules(run)).as(hostile.id() + ": the rules that act, by the handler (" + reason
                                + ") and by the plan").isEqualTo(matchedRules(reason));
                    }
                }));
    }

    /** The rules a plan table shows acting: in force, and running actions or exempted from them. */
    private static java.util.Set<String> actingRules(CliRun run) {
        return run.out().stream().filter(line -> line.startsWith("  ") && !line.startsWith("  RULE ")
                        && !line.startsWith("  no rule") && !line.startsWith("  ignored"))
                .map(line -> line.strip().split("\\s+", 4))
                .filter(row -> row.length == 4 && !row[1].equals("off") && (!row[2].equals("none") || row[3].startsWith("(exempted)")))
                .map(row -> row[0]).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The rules a decision's reason names: {@code matched a, b}. */
    private static java.util.Set<String> matchedRules(String reason) {
        java.util.Set<String> rules = new java.util.TreeSet<>();
        for (String part : reason.split(" \\| ")) {
            if (part.startsWith("matched ")) {
                rules.addAll(List.of(part.substring("matched ".length()).split(", ")));
            }
        }
        return rules;
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
