package dev.backstop.rules;

import java.util.Map;
import java.util.Objects;

/** A catalogue action a rule asks for, with its parameters. */
public record ActionSpec(String action, Map<String, String> params) {

    public ActionSpec {
        Objects.requireNonNull(action, "action");
        params = Map.copyOf(params);
    }
}
