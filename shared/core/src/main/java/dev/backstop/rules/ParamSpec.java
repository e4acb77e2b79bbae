package dev.backstop.rules;

import java.util.Objects;

/**
 * One parameter a catalogue action takes from a rule.
 *
 * <pre>{@code
 * new ParamSpec("allowedPorts", ParamType.INTEGER_LIST, false, "ports that may stay open to the world")
 * }</pre>
 */
public record ParamSpec(String name, ParamType type, boolean required, String description) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }
}
