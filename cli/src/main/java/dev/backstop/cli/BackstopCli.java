package dev.backstop.cli;

import dev.backstop.cli.audit.AuditCommand;
import dev.backstop.cli.backtest.BacktestCommand;
import dev.backstop.cli.breaker.BreakerCommand;
import dev.backstop.cli.demo.DemoCommand;
import dev.backstop.cli.guardrails.GuardrailsCommand;
import dev.backstop.cli.selfcheck.SelfCheckCommand;
import dev.backstop.cli.rules.ExplainCommand;
import dev.backstop.cli.rules.PlanCommand;
import dev.backstop.cli.rules.RuleTools;
import dev.backstop.cli.rules.ValidateCommand;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./backstop}: the command-line tool. Each command is a subcommand with its own --help. */
@Command(
        name = "backstop",
        mixinStandardHelpOptions = true,
        version = "backstop 0.1.0",
        description = "Automated remediation for AWS: CloudTrail and CloudWatch events in, verified and audited fixes out.")
public final class BackstopCli implements Runnable {

    /** Set by the ./backstop launcher to the repository root. */
    public static final String HOME = "BACKSTOP_HOME";
    /** Set to 1 by the ./backstop launcher when standard error is a terminal, which alone gets progress lines. */
    public static final String STDERR_TERMINAL = "BACKSTOP_STDERR_TERMINAL";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Backstop's error handling: a bad argument gets a message and exit 2, not a trace. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv(), Clock.systemUTC());
    }

    /** The command line for an environment and a clock, as tests build it. */
    public static CommandLine commandLine(Map<String, String> env, Clock clock) {
        return commandLine(env, clock, System.in);
    }

    /** The command line for an environment, a clock and a terminal to read confirmations from, as tests build it. */
    public static CommandLine commandLine(Map<String, String> env, Clock clock, InputStream in) {
        RuleTools rules = new RuleTools(Optional.ofNullable(env.get(HOME)).filter(home -> !home.isBlank()).map(Path::of),
                clock);
        return new CommandLine(new BackstopCli())
                .addSubcommand(new DemoCommand())
                .addSubcommand(new ValidateCommand(rules))
                .addSubcommand(new PlanCommand(rules, env))
                .addSubcommand(new ExplainCommand(rules))
                .addSubcommand(new BacktestCommand(rules, env, "1".equals(env.get(STDERR_TERMINAL)), System::nanoTime))
                .addSubcommand(new UndoCommand(env, in))
                .addSubcommand(new VetoCommand(env, clock))
                .addSubcommand(AuditCommand.commandLine(env, clock))
                .addSubcommand(BreakerCommand.commandLine(env, clock))
                .addSubcommand(new GuardrailsCommand())
                .addSubcommand(new SelfCheckCommand(env, clock))
                .addSubcommand(new CommandLine.HelpCommand())
                .setExecutionExceptionHandler(new FailureReporter());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; see --help");
    }
}
