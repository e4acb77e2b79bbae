package dev.backstop.canary;

/** A canary run that could not check or change some account; the message names each. */
public final class CanaryException extends RuntimeException {

    public CanaryException(String message) {
        super(message);
    }
}
