package dev.backstop.rules;

import dev.backstop.text.Shown;
import dev.backstop.text.Utf8;
import java.util.List;
import java.util.Objects;

/** The text of one rule file and the name errors should call it by (a path, an S3 URI). */
public record RuleText(String name, String content) {

    /**
     * The largest rule file, in bytes: about 700 rules the size of the default pack's, more than
     * the 300 rules EventBridge lets one event bus hold.
     */
    public static final int MAX_BYTES = 1 << 20;

    public RuleText {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    /**
     * The rule file in these bytes, checked cheapest first: its size, then that it is UTF-8 (a
     * Latin-1 byte is an error at its line, never a character the file does not hold).
     *
     * @throws RuleFileException naming the file, and the line of the first byte that is not UTF-8
     */
    public static RuleText decode(String name, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new RuleFileException(List.of(new RuleError(name, 1, "-", "(file)", tooLarge(bytes.length))));
        }
        try {
            return new RuleText(name, Utf8.decode(bytes));
        } catch (Utf8.NotUtf8Exception e) {
            throw new RuleFileException(List.of(new RuleError(name, e.line(), "-", "(file)", e.getMessage())));
        }
    }

    static String tooLarge(long size) {
        return (size > MAX_BYTES + 1 ? Shown.count(size) + " bytes" : "more than " + Shown.count(MAX_BYTES) + " bytes")
                + ", larger than a rule file may be (" + Shown.count(MAX_BYTES) + ")";
    }
}
