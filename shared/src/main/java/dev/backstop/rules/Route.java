package dev.backstop.rules;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One string value a pattern can require of one of the few fields rules are routed on, so an event
 * is matched only against the rules that name one of its values there (see {@link RuleBook}).
 *
 * <p>Values are compared with ASCII letters folded to lower case, so a key serves both an exact
 * value and an ASCII {@code equals-ignore-case} one; the Event Ruler machine behind a key still
 * makes the exact decision.
 *
 * @param field the flattened path, as Event Ruler names fields: keys joined with dots
 */
record Route(String field, String value) {

    /**
     * The fields rules are routed on, most selective first: a pattern is routed on the first of
     * them it pins to exact values. CloudTrail events carry the first, third and fourth; alarm
     * events the second and fourth.
     */
    static final List<String> FIELDS = List.of("detail.eventName", "detail.alarmName", "detail.eventSource", "source");

    /** The routed fields and every path that leads to one, for walking an event. */
    static final Set<String> PATHS = FIELDS.stream().flatMap(Route::withParents).collect(Collectors.toUnmodifiableSet());

    static Route of(String field, String value) {
        return new Route(field, foldAscii(value));
    }

    static String path(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private static Stream<String> withParents(String field) {
        Stream.Builder<String> paths = Stream.builder();
        for (int dot = field.indexOf('.'); dot >= 0; dot = field.indexOf('.', dot + 1)) {
            paths.add(field.substring(0, dot));
        }
        return paths.add(field).build();
    }

    private static String foldAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] folded = value.toCharArray();
                for (int j = i; j < folded.length; j++) {
                    if (folded[j] >= 'A' && folded[j] <= 'Z') {
                        folded[j] = (char) (folded[j] + ('a' - 'A'));
                    }
                }
                return new String(folded);
            }
        }
        return value;
    }
}
