package dev.backstop.engine;

/** A veto that cannot be made: no pending action under the audit id, or it ran or was vetoed already. */
public final class VetoException extends RuntimeException {

    public VetoException(String message) {
        super(message);
    }
}
