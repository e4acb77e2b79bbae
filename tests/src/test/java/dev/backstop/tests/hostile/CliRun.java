package dev.backstop.tests.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One run of {@code ./backstop} as a user runs it, in a JVM of its own with the 512 MB heap the
 * functions have, and what it printed, read back within bounds (a run could print a lot).
 *
 * @param stalled true when it had not ended within the stall limit and was stopped
 * @param lines the first {@link #KEPT_LINES} lines of standard output, then those of standard error
 * @param lineCount every line printed
 * @param longestLine the length of the longest line printed
 * @param problems what makes the run unclean: a stack trace, an exception's name, a raw control character
 */
record CliRun(int exitCode, boolean stalled, Duration took, List<String> out, List<String> err, long lineCount,
        int longestLine, List<String> problems) {

    static final int KEPT_LINES = 200;
    /** A stall detector, not a speed limit: a case that has not ended by then never will. */
    static final Duration STALL = Duration.ofMinutes(3);

    // An exception's or error's class name (the run failed outside any handling), or a Java stack frame.
    private static final Pattern TRACE = Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b|^\\s+at [a-z]|BACKSTOP_DEBUG");
    private static final Pattern RAW_CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t]]|[\\p{Cf}\\u2028\\u2029]");

    /**
     * A class-data archive of what a plan and a validate load, made by running them once: hundreds
     * of runs then start in about half the time. It changes how fast a JVM starts, nothing else.
     */
    static Path classArchive(Path repository, Path scratch, Path event) throws IOException, InterruptedException {
        Path archive = scratch.resolve("backstop-cli.jsa");
        of(repository, scratch, List.of("-XX:ArchiveClassesAtExit=" + archive), "plan", event.toString());
        return archive;
    }

    static CliRun of(Path repository, Path scratch, Path archive, String... args) throws IOException, InterruptedException {
        return of(repository, scratch, Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of(), args);
    }

    private static CliRun of(Path repository, Path scratch, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(scratch, "out", ".txt");
        Path stderr = Files.createTempFile(scratch, "err", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.backstop.cli.BackstopCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("BACKSTOP_HOME", repository.toString());
        builder.environment().remove("BACKSTOP_DEBUG");
        long started = System.nanoTime();
        Process process = builder.start();
        boolean ended = process.waitFor(STALL.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Output out = Output.read(stdout);
        Output err = Output.read(stderr);
        List<String> problems = new ArrayList<>(out.problems);
        problems.addAll(err.problems);
        Files.delete(stdout);
        Files.delete(stderr);
        return new CliRun(ended ? process.exitValue() : -1, !ended, took, out.kept, err.kept, out.count + err.count,
                Math.max(out.longest, err.longest), problems);
    }

    /** The first line of standard output, or of standard error when standard output has none. */
    String firstLine() {
        return !out.isEmpty() && !out.get(0).isBlank() ? out.get(0) : err.isEmpty() ? "" : err.get(0);
    }

    String everything() {
        return String.join("\n", out) + "\n" + String.join("\n", err);
    }

    /** One stream's lines, kept up to a bound, with what makes them unclean. */
    private record Output(List<String> kept, long count, int longest, List<String> problems) {

        static Output read(Path file) throws IOException {
            List<String> kept = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            long count = 0;
            int longest = 0;
            // Leniently: a byte that is no UTF-8 is a problem to report, not a reason for the test to fail to read.
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    count++;
                    longest = Math.max(longest, line.length());
                    if (kept.size() < KEPT_LINES) {
                        kept.add(line);
                    }
                    if (problems.size() < 5 && TRACE.matcher(line).find()) {
                        problems.add("a stack trace or an exception's name: " + cut(line));
                    }
                    if (problems.size() < 5 && RAW_CONTROL.matcher(line).find()) {
                        problems.add("a raw control character: " + cut(line));
                    }
                }
            }
            return new Output(kept, count, longest, problems);
        }

        private static String cut(String line) {
            return line.length() > 300 ? line.substring(0, 300) + "..." : line;
        }
    }
}
