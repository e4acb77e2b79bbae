package dev.backstop.event;

import java.nio.charset.StandardCharsets;

/** What a CloudTrail log file looks like before it is parsed: gzipped, and {@code {"Records": [...]}} inside. */
final class FileShapes {

    private static final byte[] RECORDS = "\"Records\"".getBytes(StandardCharsets.US_ASCII);

    private FileShapes() {
    }

    static boolean isGzip(byte[] content) {
        return content.length >= 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b;
    }

    /** True when the JSON starts as CloudTrail writes a log file: an object whose first key is Records. */
    static boolean looksLikeLogFile(byte[] json) {
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
