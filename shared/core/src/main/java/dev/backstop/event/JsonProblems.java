package dev.backstop.event;

import dev.backstop.text.Shown;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's complaints about JSON, in words: its messages name its own features and token types
 * ({@code StreamReadFeature}, {@code VALUE_EMBEDDED_OBJECT}) and the source it read, none of which
 * helps a person find the problem in the file.
 */
final class JsonProblems {

    private record Phrase(Pattern message, String words) {
    }

    private static final List<Phrase> PHRASES = List.of(
            new Phrase(Pattern.compile("Duplicate (?:field|Object property) '(.*)'", Pattern.DOTALL),
                    "the key %s appears twice in one object"),
            new Phrase(Pattern.compile("Unrecognized token '(.*?)'.*", Pattern.DOTALL), "unexpected word %s"),
            new Phrase(Pattern.compile("Non-standard token '(.*?)'.*", Pattern.DOTALL), "%s is not a JSON value"),
            new Phrase(Pattern.compile("Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*", Pattern.DOTALL),
                    "control character %s in a string; JSON writes it as an escape"),
            new Phrase(Pattern.compile("Illegal character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*", Pattern.DOTALL),
                    "control character %s between values, where JSON allows only spaces, tabs and line breaks"),
            new Phrase(Pattern.compile("Unexpected end-of-input.*", Pattern.DOTALL), "the document ends before its value does"),
            new Phrase(Pattern.compile("Unrecognized character escape (.*?) \\(code.*", Pattern.DOTALL),
                    "\\%s is not a JSON escape"),
            new Phrase(Pattern.compile("Invalid numeric value: Leading zeroes not allowed.*", Pattern.DOTALL),
                    "a number with a leading zero"),
            new Phrase(Pattern.compile("Unexpected character \\('(.*?)' \\(code .*?\\)\\): (?:was expecting|expected) (.*?)(?: \\(.*)?",
                    Pattern.DOTALL), "unexpected character %s, expected %s"));

    private JsonProblems() {
    }

    static String inWords(String message) {
        String text = String.valueOf(message);
        for (Phrase phrase : PHRASES) {
            Matcher matcher = phrase.message().matcher(text);
            if (matcher.matches()) {
                Object[] values = new Object[matcher.groupCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(phrase, i, matcher.group(i + 1));
                }
                return String.format(java.util.Locale.ROOT, phrase.words(), values);
            }
        }
        // Anything else: its first line, without the source and feature names Jackson appends.
        String line = text.lines().findFirst().orElse("").replaceAll("\\s*\\(?(at )?\\[Source:.*$", "")
                .replaceAll("`[^`]*`", "").replaceAll(":?\\s*enable\\s+to allow.*$", "").strip();
        return Shown.truncated(line.isEmpty() ? "unreadable" : line);
    }

    private static String value(Phrase phrase, int index, String group) {
        if (phrase.words().startsWith("control character")) {
            return String.format(java.util.Locale.ROOT, "U+%04X", Integer.parseInt(group));
        }
        if (phrase.words().startsWith("unexpected character") && index == 1) {
            return Shown.truncated(group);
        }
        if (phrase.words().startsWith("\\")) {
            return Shown.escaped(group.replace("'", ""));
        }
        return Shown.quoted(group);
    }
}
