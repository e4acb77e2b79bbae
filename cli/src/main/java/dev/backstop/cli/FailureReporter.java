package dev.backstop.cli;

import dev.backstop.cli.demo.DemoFailedException;
import dev.backstop.config.SettingsException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns a failure into one line that says what went wrong; the trace only on request. */
final class FailureReporter implements IExecutionExceptionHandler {

    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        String what = failure instanceof DemoFailedException || failure instanceof SdkException
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
