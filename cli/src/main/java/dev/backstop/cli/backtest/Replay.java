package dev.backstop.cli.backtest;

import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.EventFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Replays what a source reads through one pack, or two to compare: each event is decided by each
 * pack as it is read, and the events some rule acted on are released in time order through the
 * breakers to the tallies and the listener.
 */
final class Replay implements LogFeed {

    /** Told each decided event in time order, with each pack's decisions after the breakers. */
    interface Listener {
        void decided(List<List<Decision>> decisions);
    }

    private final List<PackReplay> packs;
    private final Window window;
    private final TimeOrder order;
    private final Listener listener;
    private final BadInput bad;
    private final Progress progress;
    private final DoubleSupplier done;
    private long events;
    private long outside;
    private long files;

    Replay(List<PackReplay> packs, Window window, TimeOrder order, Listener listener, BadInput bad, Progress progress,
            DoubleSupplier done) {
        this.packs = List.copyOf(packs);
        this.window = window;
        this.order = order;
        this.listener = listener;
        this.bad = bad;
        this.progress = progress;
        this.done = done;
    }

    @Override
    public void records(String name, Iterator<EventFiles.Entry> entries) {
        long before = events;
        files++;
        while (entries.hasNext()) {
            EventFiles.Entry entry = entries.next();
            if (entry.error() != null) {
                bad.record(name, entry.error().getMessage());
                continue;
            }
            events++;
            CloudTrailEvent event = entry.event();
            if (!window.contains(event.detail().eventTime())) {
                outside++;
                continue;
            }
            decide(event);
        }
        progress.file(events - before, done.getAsDouble());
    }

    @Override
    public void settled(Instant before) {
        order.settle(before, this::release);
    }

    @Override
    public void truncated(String name) {
        bad.truncated();
    }

    @Override
    public void unreadable(String name, String reason) {
        bad.file(name, reason);
    }

    /** Releases what still waits: the source has nothing more. */
    void finish() {
        order.drain(this::release);
        progress.finish();
    }

    long events() {
        return events;
    }

    long outside() {
        return outside;
    }

    long files() {
        return files;
    }

    private void decide(CloudTrailEvent event) {
        List<List<Decision>> decisions = new ArrayList<>(packs.size());
        boolean any = false;
        for (PackReplay pack : packs) {
            List<Decision> decided = pack.decide(event);
            any |= !decided.isEmpty();
            decisions.add(decided);
        }
        if (any) {
            order.offer(event.detail().eventTime(), event.eventId(), decisions);
        }
    }

    private void release(TimeOrder.Pending pending) {
        List<List<Decision>> admitted = new ArrayList<>(packs.size());
        for (int i = 0; i < packs.size(); i++) {
            PackReplay pack = packs.get(i);
            List<Decision> decided = pending.decisions().get(i).stream().map(pack::admit).toList();
            pack.tally().record(decided);
            admitted.add(decided);
        }
        listener.decided(admitted);
    }
}
