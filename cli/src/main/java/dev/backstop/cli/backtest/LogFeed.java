package dev.backstop.cli.backtest;

import dev.backstop.event.EventFiles;
import java.time.Instant;
import java.util.Iterator;

/** Where a source hands what it reads: files (or pages) of records, and how far time is settled. */
interface LogFeed {

    /** The records of one file, page or object, read to the end before the call returns. */
    void records(String name, Iterator<EventFiles.Entry> entries);

    /** No event older than {@code before} is still to come (a source's promise, within the lateness it knows). */
    void settled(Instant before);

    /** The file of the last {@link #records} call could not be read to its end; its last entry said why. */
    void truncated(String name);

    /** A file that could not be opened or listed at all. */
    void unreadable(String name, String reason);
}
