package dev.backstop.cli.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The time a backtest replays, {@code since} inclusive and {@code until} exclusive; an open end is
 * null. Events outside it are read past, not decided.
 */
record Window(Instant since, Instant until) {

    Window {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("--since (" + since + ") must come before --until (" + until + ")");
        }
    }

    static Window all() {
        return new Window(null, null);
    }

    boolean contains(Instant time) {
        return (since == null || !time.isBefore(since)) && (until == null || time.isBefore(until));
    }

    /**
     * True when a day folder may hold events of the window: a trail files an event under the day it
     * delivers it, which may be the day after the event.
     */
    boolean mayHoldDay(LocalDate day) {
        return (since == null || !day.isBefore(day(since))) && (until == null || !day.isAfter(day(until).plusDays(1)));
    }

    /** The day folders that may hold the window's events, oldest first; both ends must be set. */
    List<LocalDate> days() {
        if (since == null || until == null) {
            throw new IllegalStateException("an open window has no list of days");
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = day(since); mayHoldDay(day); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    private static LocalDate day(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        if (since == null && until == null) {
            return "at any time";
        }
        return since == null ? "until " + until : until == null ? "from " + since : since + " to " + until;
    }
}
