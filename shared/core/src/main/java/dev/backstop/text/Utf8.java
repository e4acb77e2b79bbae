package dev.backstop.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bytes decoded as UTF-8, strictly: a byte that is not UTF-8 is an error naming its line and
 * column, never replaced by a character the input does not hold (a Latin-1 byte silently turned
 * into U+FFFD would change what a pattern matches) and never taken as a hint of another encoding.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Input that is not UTF-8, with where the first bad byte is. */
    public static final class NotUtf8Exception extends RuntimeException {

        private final int line;

        NotUtf8Exception(int line, String message) {
            super(message);
            this.line = line;
        }

        /** The line of the first bad byte, from 1. */
        public int line() {
            return line;
        }
    }

    /** The text, or a {@link NotUtf8Exception}. */
    public static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notUtf8(bytes, in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw notUtf8(bytes, in.position());
        }
        return out.flip().toString();
    }

    private static NotUtf8Exception notUtf8(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String bad = offset < bytes.length ? String.format(Locale.ROOT, "byte 0x%02X", bytes[offset] & 0xff) : "the last bytes";
        return new NotUtf8Exception(line, "not UTF-8: " + bad + " at line " + line + ", byte " + (offset - lineStart + 1)
                + " of the line; save the file as UTF-8");
    }
}
