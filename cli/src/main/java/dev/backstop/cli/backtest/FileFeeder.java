package dev.backstop.cli.backtest;

import dev.backstop.event.CloudTrailLog;
import dev.backstop.event.CloudTrailLogReader;
import java.io.InputStream;
import java.time.Duration;

/**
 * Feeds one log file, from disk or from S3, record by record, then settles time by the file's
 * name: a trail writes an event into a file within minutes, so once a file written at T is read,
 * later files hold nothing older than T minus the lateness.
 */
final class FileFeeder {

    private final CloudTrailLogReader reader;
    private final Duration lateness;

    FileFeeder(CloudTrailLogReader reader, Duration lateness) {
        this.reader = reader;
        this.lateness = lateness;
    }

    /** Reads the stream to its end and closes it. */
    void feed(String name, InputStream content, LogFeed feed) {
        try (CloudTrailLog log = reader.open(content)) {
            feed.records(name, log);
            if (log.truncated()) {
                feed.truncated(name);
            }
        }
        LogNames.fileTime(name).ifPresent(written -> feed.settled(written.minus(lateness)));
    }
}
