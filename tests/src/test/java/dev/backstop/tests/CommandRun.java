package dev.backstop.tests;

import dev.backstop.cli.BackstopCli;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** One run of {@code ./backstop} in this JVM, with what it printed. */
public record CommandRun(int exitCode, String out, String err) {

    public static CommandRun of(String... args) {
        return run(BackstopCli.commandLine(), args);
    }

    /** A run with the deployment's settings in {@code env} besides the machine's environment. */
    static CommandRun with(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(env);
        return run(BackstopCli.commandLine(all, Clock.systemUTC()), args);
    }

    /** A run whose terminal input is {@code typed}: what an operator answers when asked. */
    public static CommandRun typing(String typed, String... args) {
        return run(BackstopCli.commandLine(System.getenv(), Clock.systemUTC(),
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8))), args);
    }

    private static CommandRun run(CommandLine command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
