package dev.backstop.cli.audit;

import dev.backstop.text.Shown;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Rows printed as left-aligned columns two spaces apart; the last column is not padded. Every cell
 * is escaped ({@link Shown}): a record's text came from an event, and a CR LF or an ANSI escape in it
 * must not forge a row or clear the terminal.
 */
public final class Columns {

    private Columns() {
    }

    public static void print(PrintWriter out, List<List<String>> written) {
        List<List<String>> rows = written.stream().map(row -> row.stream().map(Shown::escaped).toList()).toList();
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row.get(i) : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
