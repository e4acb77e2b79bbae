package dev.backstop.cli.backtest;

/** A source that cannot deliver (an Athena query that failed): the message says why, with no trace. */
public final class BacktestFailedException extends RuntimeException {

    BacktestFailedException(String message) {
        super(message);
    }
}
