package dev.backstop.text;

/**
 * Outside text as it may be shown in a message, a log line or a table row: control and format
 * characters written as escapes (a CR LF cannot forge a row, an ANSI escape cannot clear a
 * terminal, a bidirectional override cannot reorder what a reader sees), and a long value cut
 * short with its length said, so a 10 MB value never fills an error message.
 *
 * <pre>{@code
 * Shown.quoted("Stop\r\nLogging")   // "Stop\r\nLogging" with the backslashes written out
 * }</pre>
 */
public final class Shown {

    /** The characters of a value a message shows before it says how long the value is. */
    public static final int PREVIEW = 80;
    /** The characters of a library's message shown before it is cut. */
    public static final int MESSAGE = 400;

    private Shown() {
    }

    /** The value escaped, cut after {@link #PREVIEW} characters, in double quotes. */
    public static String quoted(String value) {
        return "\"" + truncated(value) + "\"";
    }

    /** The value escaped and cut after {@link #PREVIEW} characters, with its full length said. */
    public static String truncated(String value) {
        return truncated(value, PREVIEW);
    }

    /**
     * The value escaped and cut after {@code max} characters, with its full length said: for a
     * message of a library that may quote a value (a parser's), longer than a value alone.
     */
    public static String truncated(String value, int max) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= max) {
            return escaped(value);
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return escaped(value.substring(0, end)) + "... (" + String.format(java.util.Locale.ROOT, "%,d", value.length())
                + " characters)";
    }

    /** The whole value with every control, format and separator character written as an escape. */
    public static String escaped(String value) {
        if (value == null) {
            return "null";
        }
        if (value.codePoints().noneMatch(Shown::unsafe)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(c -> {
            if (!unsafe(c)) {
                out.appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c > 0xFFFF) {
                out.append(String.format(java.util.Locale.ROOT, "\\u{%X}", c));
            } else {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04X", c));
            }
        });
        return out.toString();
    }

    /** A number with thousands separators, the same in every locale: 1,048,576. */
    public static String count(long number) {
        return String.format(java.util.Locale.ROOT, "%,d", number);
    }

    private static boolean unsafe(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
