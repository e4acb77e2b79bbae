package dev.backstop.cli.demo;

/** The demo cannot run here; the message says why and what to do. */
public final class DemoFailedException extends RuntimeException {

    public DemoFailedException(String message) {
        super(message);
    }
}
