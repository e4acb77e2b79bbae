package dev.backstop.cli.backtest;

/**
 * Text from a log file made safe for a terminal line: control characters (a CR LF that would
 * forge a row, an escape that would clear the screen) are written as {@code \\uXXXX}.
 */
final class Printable {

    private Printable() {
    }

    static String of(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
