package dev.backstop.event;

/** An event that cannot be read as the shape it claims to be; the message names the field. */
public final class MalformedEventException extends RuntimeException {

    private final String field;

    public MalformedEventException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The JSON path of the offending field, such as {@code detail.eventName}. */
    public String field() {
        return field;
    }
}
