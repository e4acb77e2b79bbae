package dev.backstop.event;

/** An event that cannot be read as the shape it claims to be; the message names the field. */
public final class MalformedEventException extends RuntimeException {

    private final String field;
    private final String problem;

    public MalformedEventException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** What is wrong with the field, without its name. */
    public String problem() {
        return problem;
    }

    /** The JSON path of the offending field, such as {@code detail.eventName}. */
    public String field() {
        return field;
    }
}
