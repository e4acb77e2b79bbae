package dev.backstop.cli.testing;

import dev.backstop.cli.BackstopCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code ./backstop} in the test's JVM, as the launcher would, with its output captured. */
public final class Cli {

    /** The time the tests run at: just after the sample events under {@code events/}. */
    public static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private final Map<String, String> env = new HashMap<>();

    /** What a run printed and how it ended. */
    public record Result(int exitCode, String out, String err) {
    }

    /** Names the repository root, as the launcher does with {@code BACKSTOP_HOME}. */
    public Cli home(Path repository) {
        env.put(BackstopCli.HOME, repository.toString());
        return this;
    }

    /** Sets a variable of the environment the command reads, as a deployment's. */
    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = BackstopCli.commandLine(env, Clock.fixed(NOW, ZoneOffset.UTC));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    public static Result execute(String... args) {
        return new Cli().run(args);
    }
}
