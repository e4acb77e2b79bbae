package dev.backstop.rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A catalogue action a rule asks for, with its parameters as typed values (String, Long,
 * Boolean, a List of String or Long, or a JSON document as its text) checked against the
 * action's {@link ParamSpec}s when the rule file was read.
 */
public record ActionSpec(String action, Map<String, Object> params) {

    public ActionSpec {
        Objects.requireNonNull(action, "action");
        params = Map.copyOf(params);
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable((String) params.get(name));
    }

    public Optional<Long> integer(String name) {
        return Optional.ofNullable((Long) params.get(name));
    }

    public Optional<Boolean> bool(String name) {
        return Optional.ofNullable((Boolean) params.get(name));
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        return (List<String>) params.getOrDefault(name, List.of());
    }

    @SuppressWarnings("unchecked")
    public List<Long> integers(String name) {
        return (List<Long>) params.getOrDefault(name, List.of());
    }
}
