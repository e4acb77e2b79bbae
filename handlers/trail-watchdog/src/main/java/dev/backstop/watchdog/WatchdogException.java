package dev.backstop.watchdog;

/** A watchdog run that could not check every trail; the message names those it could not. */
public final class WatchdogException extends RuntimeException {

    public WatchdogException(String message) {
        super(message);
    }
}
