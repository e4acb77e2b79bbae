package dev.backstop.event;

/**
 * The caps on reading one CloudTrail log file, so a hostile or broken file is refused with the
 * limit it hit instead of exhausting memory or time.
 *
 * @param maxDecompressedBytes the most bytes a file may expand to (a gzip bomb stops here); the
 *     reader streams, so this bounds time, not memory
 * @param maxRecordBytes the most bytes one record may take, which bounds the memory of its tree;
 *     EventBridge caps an event at 256 KB and CloudTrail omits larger request parameters
 * @param maxNestingDepth the deepest a record may nest objects and lists
 */
public record LogLimits(long maxDecompressedBytes, int maxRecordBytes, int maxNestingDepth) {

    /**
     * 512 MiB a file (the busiest accounts' five-minute files stay well below); a record as large
     * and as deep as {@link JsonInput} reads an event, the record sitting one level deeper in a log
     * file ({@code Records[...]}) than in an event ({@code detail}).
     */
    public static final LogLimits DEFAULTS = new LogLimits(512L << 20, JsonInput.MAX_BYTES, JsonInput.MAX_DEPTH + 1);

    public LogLimits {
        if (maxDecompressedBytes < 1 || maxRecordBytes < 1 || maxNestingDepth < 1) {
            throw new IllegalArgumentException("every log limit must be positive: " + maxDecompressedBytes + ", "
                    + maxRecordBytes + ", " + maxNestingDepth);
        }
    }

    String recordTooLarge() {
        return "the record is larger than " + size(maxRecordBytes) + " (the limit on one record)";
    }

    String fileTooLarge() {
        return "the file expands to more than " + size(maxDecompressedBytes) + " (the limit on a log file's decompressed size)";
    }

    String nestedTooDeep() {
        return "nested deeper than " + maxNestingDepth + " levels (the limit on a record's nesting)";
    }

    /** A size as people read it: {@code 512 MiB}, {@code 1 KiB}, {@code 300 bytes}. */
    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
