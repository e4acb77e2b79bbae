package dev.backstop.cli.backtest;

import dev.backstop.event.EventFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A feed that keeps what a source handed it, in order. */
final class RecordingFeed implements LogFeed {

    final List<String> names = new ArrayList<>();
    final List<EventFiles.Entry> entries = new ArrayList<>();
    final List<Instant> settled = new ArrayList<>();
    final List<String> unreadable = new ArrayList<>();

    @Override
    public void records(String name, Iterator<EventFiles.Entry> read) {
        names.add(name);
        read.forEachRemaining(entries::add);
    }

    @Override
    public void settled(Instant before) {
        settled.add(before);
    }

    @Override
    public void truncated(String name) {
        unreadable.add(name + " (truncated)");
    }

    @Override
    public void unreadable(String name, String reason) {
        unreadable.add(name + ": " + reason);
    }

    List<String> eventIds() {
        return entries.stream().map(EventFiles.Entry::eventId).toList();
    }
}
