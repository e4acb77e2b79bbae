package dev.backstop.cli.audit;

import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./backstop audit verify|list|show}: check and browse the audit trail. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Checks and browses the tamper-evident audit trail.",
            "Every audit record is a link of a hash chain per account and region: verify",
            "walks each chain, list and show read the records. Each subcommand has --help."})
public final class AuditCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** The audit command with its subcommands, reading the environment and the clock given. */
    public static CommandLine commandLine(Map<String, String> env, Clock clock) {
        return new CommandLine(new AuditCommand())
                .addSubcommand(new VerifyCommand(env))
                .addSubcommand(new ListCommand(env, clock))
                .addSubcommand(new ShowCommand(env));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: verify, list or show; see --help");
    }
}
