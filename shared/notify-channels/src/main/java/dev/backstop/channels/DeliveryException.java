package dev.backstop.channels;

/**
 * A notice that did not reach its channel. The message says what failed and where, and never
 * holds a credential or a secret's value: it goes into the audit record and the logs.
 */
public final class DeliveryException extends RuntimeException {

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
