package dev.backstop.action.logs;

import java.util.List;

/**
 * A log group's retention in days, or none: its events never expire. Written as the number, or
 * {@value #NEVER}, in Backstop's history and undo data.
 */
record Retention(Integer days) implements Comparable<Retention> {

    static final String NEVER = "never";

    /** The values PutRetentionPolicy accepts. */
    static final List<Integer> ALLOWED = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
            1827, 2192, 2557, 2922, 3288, 3653);

    static Retention never() {
        return new Retention(null);
    }

    static Retention parse(String text) {
        return NEVER.equals(text) ? never() : new Retention(Integer.valueOf(text));
    }

    boolean expires() {
        return days != null;
    }

    /** Longer is greater; never expiring is longest. */
    @Override
    public int compareTo(Retention other) {
        if (days == null || other.days == null) {
            return days == null ? (other.days == null ? 0 : 1) : -1;
        }
        return Integer.compare(days, other.days);
    }

    @Override
    public String toString() {
        return days == null ? NEVER : days.toString();
    }
}
