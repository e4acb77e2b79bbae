package dev.backstop.cli.backtest;

import dev.backstop.event.CloudTrailLogReader;
import dev.backstop.event.EventFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * {@code lookup-events}: the management events CloudTrail keeps for 90 days in each region,
 * through LookupEvents, a day at a time from the oldest, page by page, each call paced. Each day
 * comes newest first; the replay puts it in order once the day is read.
 */
final class LookupEventsSource implements EventSource {

    static final int PAGE = 50;
    private static final Duration STEP = Duration.ofDays(1);

    private final CloudTrailClient cloudTrail;
    private final CloudTrailLogReader reader;
    private final Pacer pacer;
    private long calls;
    private double done;

    LookupEventsSource(CloudTrailClient cloudTrail, CloudTrailLogReader reader, Pacer pacer) {
        this.cloudTrail = cloudTrail;
        this.reader = reader;
        this.pacer = pacer;
    }

    @Override
    public void read(Window window, LogFeed feed) {
        double span = Duration.between(window.since(), window.until()).getSeconds();
        for (Instant start = window.since(); start.isBefore(window.until()); start = start.plus(STEP)) {
            Instant end = start.plus(STEP).isBefore(window.until()) ? start.plus(STEP) : window.until();
            day(start, end, feed);
            feed.settled(end);
            done = Duration.between(window.since(), end).getSeconds() / span;
        }
    }

    @Override
    public double done() {
        return done;
    }

    @Override
    public String describe() {
        return "CloudTrail LookupEvents (" + calls + " calls)";
    }

    /** One stretch, [start, end): LookupEvents takes both ends inclusive, and event times are whole seconds. */
    private void day(Instant start, Instant end, LogFeed feed) {
        String token = null;
        int page = 0;
        do {
            String next = token;
            pacer.await();
            calls++;
            LookupEventsResponse response = cloudTrail.lookupEvents(request -> request.startTime(start)
                    .endTime(end.minusSeconds(1)).maxResults(PAGE).nextToken(next));
            String name = "LookupEvents " + start + " page " + ++page;
            List<EventFiles.Entry> entries = response.events().stream().map(this::entry).toList();
            feed.records(name, entries.iterator());
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
    }

    private EventFiles.Entry entry(Event event) {
        String where = "event " + event.eventId();
        if (event.cloudTrailEvent() == null) {
            return reader.record("null", where);
        }
        return reader.record(event.cloudTrailEvent(), where);
    }
}
