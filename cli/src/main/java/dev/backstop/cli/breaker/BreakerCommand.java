package dev.backstop.cli.breaker;

import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./backstop breaker status|reset}: see and close the blast-radius and flapping breakers. */
@Command(
        name = "breaker",
        mixinStandardHelpOptions = true,
        description = {
            "Shows and resets Backstop's breakers.",
            "The blast-radius breaker of an account or a rule trips when more enforcing",
            "actions ran in a window than its limit allows. The flapping breaker of a",
            "resource trips when it was remediated more often than its limit in a window.",
            "A tripped breaker holds every action in its scope back (audited and notified",
            "as NOTIFIED, not run) until an operator resets it."})
public final class BreakerCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** The command with its two subcommands. */
    public static CommandLine commandLine(Map<String, String> env, Clock clock) {
        return new CommandLine(new BreakerCommand())
                .addSubcommand(new StatusCommand(env))
                .addSubcommand(new ResetCommand(env, clock));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: status or reset; see --help");
    }
}
