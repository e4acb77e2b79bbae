package dev.backstop.event;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the (decompressed) bytes handed to the parser and refuses to hand out more than the file
 * limit, or past the end of the window the current record may occupy. The parser asks for more
 * bytes only when it needs them, so a record that ends inside its window never trips it.
 */
final class BoundedInput extends FilterInputStream {

    /** A limit was reached while the content went on; the message names the limit. */
    static final class LimitReachedException extends IOException {
        LimitReachedException(String message) {
            super(message);
        }
    }

    private final LogLimits limits;
    private long delivered;
    private long windowEnd = Long.MAX_VALUE;

    BoundedInput(InputStream in, LogLimits limits) {
        super(in);
        this.limits = limits;
    }

    /** From here on the parser may read only up to {@code recordStart} plus the record limit. */
    void openWindow(long recordStart) {
        windowEnd = recordStart + limits.maxRecordBytes();
    }

    void closeWindow() {
        windowEnd = Long.MAX_VALUE;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long allowed = Math.min(limits.maxDecompressedBytes(), windowEnd) - delivered;
        if (allowed <= 0 && length > 0) {
            if (in.read() < 0) {
                return -1;
            }
            throw new LimitReachedException(delivered >= limits.maxDecompressedBytes()
                    ? limits.fileTooLarge() : limits.recordTooLarge());
        }
        int read = in.read(buffer, offset, (int) Math.min(length, allowed));
        if (read > 0) {
            delivered += read;
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        int chunk = (int) Math.min(n, 8192);
        return Math.max(read(new byte[chunk], 0, chunk), 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
