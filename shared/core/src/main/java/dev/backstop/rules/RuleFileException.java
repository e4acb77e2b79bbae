package dev.backstop.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule file with errors: it is rejected whole. */
public final class RuleFileException extends RuntimeException {

    private final List<RuleError> errors;

    public RuleFileException(List<RuleError> errors) {
        super(errors.stream().map(RuleError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
