package dev.backstop.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * One parameter a catalogue action takes from a rule, and what its value must be beyond its type:
 * whatever the action would refuse at run time (a port above 65535, a network that is no CIDR, a
 * word it does not know) is refused when the rule file is checked instead, with its line.
 *
 * <pre>{@code
 * new ParamSpec("allowedPorts", ParamType.INTEGER_LIST, false, "ports that may stay open to the world")
 *         .withCheck(ParamChecks.range(0, 65535, "a port"))
 * }</pre>
 */
public record ParamSpec(String name, ParamType type, boolean required, String description, Check check) {

    /** What a value of the parameter's type must also be. */
    @FunctionalInterface
    public interface Check {

        /** Accepts every value of the type. */
        Check NONE = value -> Optional.empty();

        /**
         * Why the value will be refused at run time, if it will. A list parameter is checked element
         * by element, so that each bad element is named at its own line.
         *
         * @param value the value (for a list, one element) as {@link ParamType} converted it: a
         *     String, Long or Boolean, or a JSON document as its text
         */
        Optional<String> problem(Object value);
    }

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(check, "check");
    }

    public ParamSpec(String name, ParamType type, boolean required, String description) {
        this(name, type, required, description, Check.NONE);
    }

    /** The same parameter, whose values must also pass the check. */
    public ParamSpec withCheck(Check newCheck) {
        return new ParamSpec(name, type, required, description, newCheck);
    }
}
