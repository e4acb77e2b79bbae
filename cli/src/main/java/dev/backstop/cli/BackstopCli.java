package dev.backstop.cli;

import dev.backstop.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./backstop}: the command-line tool. Each command is a subcommand with its own --help. */
@Command(
        name = "backstop",
        mixinStandardHelpOptions = true,
        version = "backstop 0.1.0",
        description = "Automated remediation for AWS: CloudTrail and CloudWatch events in, verified and audited fixes out.",
        subcommands = {DemoCommand.class, UndoCommand.class, CommandLine.HelpCommand.class})
public final class BackstopCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Backstop's error handling: a bad argument gets a message and exit 2, not a trace. */
    public static CommandLine commandLine() {
        return new CommandLine(new BackstopCli())
                .setExecutionExceptionHandler(new FailureReporter());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; see --help");
    }
}
