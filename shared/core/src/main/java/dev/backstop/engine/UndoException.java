package dev.backstop.engine;

/** An audit record that cannot be undone, said before anything runs; the message says why. */
public final class UndoException extends RuntimeException {

    public UndoException(String message) {
        super(message);
    }
}
