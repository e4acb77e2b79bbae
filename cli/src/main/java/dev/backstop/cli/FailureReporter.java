package dev.backstop.cli;

import dev.backstop.cli.backtest.BacktestFailedException;
import dev.backstop.cli.demo.DemoFailedException;
import dev.backstop.config.SettingsException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a failure into one line that says what went wrong; the trace only on request. A file named
 * on the command line that cannot be read is a usage error (exit 2) and needs no trace.
 */
final class FailureReporter implements IExecutionExceptionHandler {

    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        if (failure instanceof UnreadableFileException) {
            command.getErr().println("backstop " + command.getCommandName() + ": " + failure.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        String what = failure instanceof DemoFailedException || failure instanceof BacktestFailedException
                || failure instanceof SdkException
                || failure instanceof SettingsException
                ? failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        command.getErr().println("backstop " + command.getCommandName() + ": " + what);
        if (System.getenv("BACKSTOP_DEBUG") != null) {
            failure.printStackTrace(command.getErr());
        } else {
            command.getErr().println("(set BACKSTOP_DEBUG=1 for the stack trace)");
        }
        return FAILED;
    }
}
