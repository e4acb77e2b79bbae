package dev.backstop.cli.backtest;

import dev.backstop.breaker.BreakerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counts a backtest reports for one pack: per rule, account and region, the events it matched,
 * its decisions by verdict, which exemptions held it back, its callers and resources, its breaker
 * trips; per rule, its decisions hour by hour; and the events no rule acted on, by why.
 */
final class Tally {

    /** Where a rule acted: the summary's row. */
    record Row(String rule, String account, String region) implements Comparable<Row> {

        @Override
        public int compareTo(Row other) {
            return java.util.Comparator.comparing(Row::rule).thenComparing(Row::account).thenComparing(Row::region)
                    .compare(this, other);
        }
    }

    /** A breaker that tripped, and the decision that tripped it. */
    record Trip(Instant time, String rule, String account, String region, String breaker, String cause) {
    }

    static final int NAMES_KEPT = 1_000;
    static final Duration BUCKET = Duration.ofHours(1);

    // An exemption's words name the caller; the rule's own words name the exemption.
    private static final Pattern PRINCIPAL_EXEMPTION = Pattern.compile("principal .* matches (unless\\.principals .*)");

    /** The counts of one row. */
    static final class RuleCounts {
        private long matches;
        private final EnumMap<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
        private final Map<String, Long> exemptions = new TreeMap<>();
        private final TopCounts principals = new TopCounts(NAMES_KEPT);
        private final TopCounts resources = new TopCounts(NAMES_KEPT);
        private int trips;

        long matches() {
            return matches;
        }

        long count(Verdict verdict) {
            return verdicts.getOrDefault(verdict, 0L);
        }

        Map<String, Long> exemptions() {
            return exemptions;
        }

        TopCounts principals() {
            return principals;
        }

        TopCounts resources() {
            return resources;
        }

        int trips() {
            return trips;
        }
    }

    private final Map<Row, RuleCounts> rows = new TreeMap<>();
    private final Map<String, Map<Long, long[]>> timeline = new TreeMap<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final List<Trip> trips = new ArrayList<>();
    private Instant first;
    private Instant last;

    /** The decisions of one event, after the breakers. */
    void record(List<Decision> decisions) {
        String lastRule = null;
        for (Decision decision : decisions) {
            RuleCounts counts = rows.computeIfAbsent(new Row(decision.rule(), decision.account(), decision.region()),
                    row -> new RuleCounts());
            if (!decision.rule().equals(lastRule)) {
                counts.matches++;
                counts.principals.add(decision.principal());
                counts.resources.add(decision.resource());
                lastRule = decision.rule();
            }
            counts.verdicts.merge(decision.verdict(), 1L, Long::sum);
            if (decision.verdict() == Verdict.EXEMPTED) {
                counts.exemptions.merge(exemption(decision.reason()), 1L, Long::sum);
            }
            long hour = decision.time().getEpochSecond() / BUCKET.toSeconds();
            timeline.computeIfAbsent(decision.rule(), rule -> new TreeMap<>())
                    .computeIfAbsent(hour, key -> new long[Verdict.values().length])[decision.verdict().ordinal()]++;
            first = first == null || decision.time().isBefore(first) ? decision.time() : first;
            last = last == null || decision.time().isAfter(last) ? decision.time() : last;
        }
    }

    /** An event no rule acted on, and why. */
    void skipped(String why) {
        skipped.merge(why, 1L, Long::sum);
    }

    void trip(Decision decision, BreakerState trip) {
        trips.add(new Trip(trip.trippedAt(), decision.rule(), decision.account(), decision.region(),
                trip.scope().describe(), trip.cause()));
        rows.computeIfAbsent(new Row(decision.rule(), decision.account(), decision.region()), row -> new RuleCounts()).trips++;
    }

    Map<Row, RuleCounts> rows() {
        return rows;
    }

    /** Per rule, per hour since the epoch, the decisions by verdict (indexed by {@link Verdict#ordinal()}). */
    Map<String, Map<Long, long[]>> timeline() {
        return timeline;
    }

    Map<String, Long> skipped() {
        return skipped;
    }

    List<Trip> trips() {
        return trips;
    }

    /** The first and last decision's time, null before any. */
    Instant first() {
        return first;
    }

    Instant last() {
        return last;
    }

    /** The exemption as the rule file names it, so one exemption is one line however many callers it covered. */
    static String exemption(String reason) {
        Matcher principal = PRINCIPAL_EXEMPTION.matcher(reason);
        return principal.matches() ? principal.group(1) : reason;
    }
}
