package dev.backstop.cli.backtest;

/** Where a backtest's history comes from: log files, a bucket, LookupEvents or an Athena query. */
interface EventSource {

    /** Reads the events of the window, oldest files first, into the feed. */
    void read(Window window, LogFeed feed);

    /** How much of the source has been read, from 0 to 1, or -1 when it cannot tell. */
    default double done() {
        return -1;
    }

    /** What was read, for the summary: "3 files under logs/", "s3://bucket/prefix". */
    String describe();
}
