package dev.backstop.cli.backtest;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Files and records that could not be read, each reported as it is met with its path and where
 * in it, then skipped; a file with many bad records gets its first few and a count.
 */
final class BadInput {

    static final int LINES_PER_FILE = 10;

    private final PrintWriter err;
    private final Map<String, Integer> perFile = new HashMap<>();
    private long files;
    private long records;

    BadInput(PrintWriter err) {
        this.err = err;
    }

    /** A file that could not be read at all (or not to its end): {@code where} says where it stopped. */
    void file(String name, String reason) {
        files++;
        err.println("backstop backtest: " + name + ": " + reason + " (skipped)");
        err.flush();
    }

    /** A file whose last reported record said why it could not be read to its end. */
    void truncated() {
        files++;
        records--;
    }

    /** One record of a file that could not be read; the file's other records are still read. */
    void record(String name, String reason) {
        records++;
        int seen = perFile.merge(name, 1, Integer::sum);
        if (seen <= LINES_PER_FILE) {
            err.println("backstop backtest: " + name + ": " + reason + (seen == LINES_PER_FILE
                    ? " (skipped; further bad records of this file are counted, not listed)" : " (skipped)"));
            err.flush();
        }
    }

    long files() {
        return files;
    }

    long records() {
        return records;
    }

    boolean any() {
        return files > 0 || records > 0;
    }
}
