package dev.backstop.cli.reference;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from the code and the template, made safe for a Markdown page: in a description, an ARN's
 * {@code *} or a {@code <stack>} placeholder must read as written, not as emphasis or an HTML tag.
 */
final class Markdown {

    /** Code spans (`...`) are left as they are; only the text between them is escaped. */
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

    private Markdown() {
    }

    /** Prose for a paragraph or a table cell: one line, Markdown's special characters escaped. */
    static String text(String raw) {
        String oneLine = raw.strip().replaceAll("\\s*\\R\\s*", " ");
        StringBuilder out = new StringBuilder();
        Matcher code = CODE_SPAN.matcher(oneLine);
        int from = 0;
        while (code.find()) {
            out.append(escape(oneLine.substring(from, code.start()))).append(code.group().replace("|", "\\|"));
            from = code.end();
        }
        return out.append(escape(oneLine.substring(from))).toString();
    }

    /** A value shown as code in a table cell. */
    static String code(String raw) {
        return raw.isEmpty() ? "(empty)" : "`" + raw.replace("|", "\\|") + "`";
    }

    /** One row of a table whose cells are already Markdown. */
    static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    /** The header and separator rows of a table. */
    static String header(List<String> titles) {
        return row(titles) + row(titles.stream().map(title -> "---").toList());
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\")
                .replace("*", "\\*")
                .replace("_", "\\_")
                .replace("|", "\\|")
                .replace("[", "\\[")
                .replace("]", "\\]")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
