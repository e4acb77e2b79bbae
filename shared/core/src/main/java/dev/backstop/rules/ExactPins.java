package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The exact {@code source} and {@code detail.eventName} strings an event pattern requires, when
 * it certainly requires them: an event whose value at that field is none of them cannot match.
 * {@code null} stands for "any", and is the answer whenever certainty is in doubt.
 *
 * <p>A field pins only if the pattern names it once, directly at the top of the pattern (not in an
 * {@code $or} branch, which could stand in for it), with plain strings only. A pattern with a
 * dotted key pins nothing, since Event Ruler flattens {@code "detail.eventName"} and nested keys
 * into the same field; nor do IP-address strings, which Event Ruler compares in canonical form.
 *
 * <p>Public for those who push a query down to where the events are kept ({@link RuleBook#pins()}).
 *
 * @param sources the sources the pattern requires, or null for any
 * @param names the event names the pattern requires, or null for any
 */
public record ExactPins(Set<String> sources, Set<String> names) {

    static final String SOURCE = "source";
    static final String DETAIL = "detail";
    static final String EVENT_NAME = "eventName";

    private static final ObjectMapper JSON = new ObjectMapper();

    // Event Ruler's own tests for an IP address literal (Constants.IPv4_REGEX and IPv6_REGEX).
    private static final Pattern IP_ADDRESS = Pattern.compile(
            "[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*");

    static final ExactPins NONE = new ExactPins(null, null);

    static ExactPins of(String patternJson) {
        JsonNode pattern;
        try {
            pattern = JSON.readTree(patternJson);
        } catch (IOException e) {
            throw new UncheckedIOException("an event pattern that compiled is no longer JSON", e);
        }
        Map<String, Integer> namings = new HashMap<>();
        if (!pattern.isObject() || !count(pattern, "", namings)) {
            return NONE;
        }
        JsonNode detail = pattern.get(DETAIL);
        return new ExactPins(
                namings.getOrDefault(SOURCE, 0) == 1 ? strings(pattern.get(SOURCE)) : null,
                namings.getOrDefault(DETAIL + "." + EVENT_NAME, 0) == 1 && detail != null && detail.isObject()
                        ? strings(detail.get(EVENT_NAME)) : null);
    }

    /** Whether an event with this source and event name may match; null stands for a value no rule pins. */
    boolean admits(String source, String name) {
        return (sources == null || source != null && sources.contains(source))
                && (names == null || name != null && names.contains(name));
    }

    /** Counts how often each flattened field is named; false if a key makes that unsafe to judge. */
    private static boolean count(JsonNode object, String path, Map<String, Integer> namings) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("$or")) {
                if (!value.isArray()) {
                    return false;
                }
                for (JsonNode branch : value) {
                    if (!branch.isObject() || !count(branch, path, namings)) {
                        return false;
                    }
                }
            } else if (key.contains(".") || key.startsWith("$")) {
                return false;
            } else {
                String name = path.isEmpty() ? key : path + "." + key;
                if (value.isObject()) {
                    if (!count(value, name, namings)) {
                        return false;
                    }
                } else {
                    namings.merge(name, 1, Integer::sum);
                }
            }
        }
        return true;
    }

    /** The values if all are plain strings (and not IP addresses), else null. */
    private static Set<String> strings(JsonNode values) {
        if (values == null || !values.isArray() || values.isEmpty()) {
            return null;
        }
        Set<String> strings = new HashSet<>();
        for (JsonNode value : values) {
            if (!value.isTextual() || IP_ADDRESS.matcher(value.textValue()).matches()) {
                return null;
            }
            strings.add(value.textValue());
        }
        return Set.copyOf(strings);
    }
}
