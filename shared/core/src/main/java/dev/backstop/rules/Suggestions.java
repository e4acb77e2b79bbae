package dev.backstop.rules;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Names close to a mistyped one, for "did you mean" in error messages. */
public final class Suggestions {

    private Suggestions() {
    }

    /** Up to five names close to {@code wanted}, closest first; empty when none is close. */
    public static List<String> close(String wanted, Collection<String> names) {
        return names.stream()
                .filter(name -> isClose(wanted, name))
                .sorted(Comparator.comparingInt((String name) -> distance(wanted, name)).thenComparing(name -> name))
                .limit(5)
                .toList();
    }

    private static boolean isClose(String wanted, String name) {
        String a = wanted.toLowerCase(Locale.ROOT);
        String b = name.toLowerCase(Locale.ROOT);
        return b.contains(a) || a.contains(b) || distance(a, b) <= Math.max(2, Math.min(a.length(), b.length()) / 3);
    }

    /** Levenshtein distance: the edits that turn one name into the other. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
