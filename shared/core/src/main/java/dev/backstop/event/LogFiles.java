package dev.backstop.event;

import dev.backstop.text.Shown;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** What a CloudTrail log file looks like before it is parsed: gzipped, and {@code {"Records": [...]}} inside. */
final class LogFiles {

    private static final byte[] RECORDS = "\"Records\"".getBytes(StandardCharsets.US_ASCII);

    private LogFiles() {
    }

    static boolean isGzip(byte[] content) {
        return content.length >= 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b;
    }

    /**
     * The decompressed bytes, never more than {@code limit} of them: a gzip bomb (a megabyte that
     * expands to a gigabyte) is refused once the limit is passed, without the rest being inflated.
     */
    static byte[] gunzip(byte[] content, int limit) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new MalformedEventException("$", "decompresses to more than " + Shown.count(limit)
                        + " bytes, the most read from one file (" + Shown.count(content.length)
                        + " bytes compressed)");
            }
            return bytes;
        } catch (IOException e) {
            throw new MalformedEventException("$", "not valid gzip: " + Shown.truncated(e.getMessage()));
        }
    }

    /** True when the JSON starts as CloudTrail writes a log file: an object whose first key is Records. */
    static boolean looksLikeOne(byte[] json) {
        boolean bom = json.length >= 3 && (json[0] & 0xff) == 0xEF && (json[1] & 0xff) == 0xBB && (json[2] & 0xff) == 0xBF;
        int i = skipSpace(json, bom ? 3 : 0);
        if (i >= json.length || json[i] != '{') {
            return false;
        }
        i = skipSpace(json, i + 1);
        if (json.length - i < RECORDS.length) {
            return false;
        }
        for (int k = 0; k < RECORDS.length; k++) {
            if (json[i + k] != RECORDS[k]) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(byte[] json, int from) {
        int i = from;
        while (i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) {
            i++;
        }
        return i;
    }
}
