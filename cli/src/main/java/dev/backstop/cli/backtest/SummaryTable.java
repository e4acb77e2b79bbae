package dev.backstop.cli.backtest;

import dev.backstop.cli.audit.Columns;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The backtest's report for people: what was read, then per pack a row per rule, account and
 * region, each row's exemptions, callers and resources, the breaker trips and the events no rule
 * acted on; comparing packs, how the decisions moved and the first events that differ.
 */
final class SummaryTable {

    static final int TOP = 3;
    static final int DIFFERENCES_SHOWN = 20;

    private final PrintWriter out;

    SummaryTable(PrintWriter out) {
        this.out = out;
    }

    void print(Report report) {
        out.println(String.format(Locale.ROOT, "Read %,d events from %s (%s): %,d outside the window.", report.events(),
                report.source(), report.window(), report.outside()));
        if (report.badFiles() + report.badRecords() > 0) {
            out.println(String.format(Locale.ROOT, "Skipped %,d bad files and %,d bad records (listed on standard error).",
                    report.badFiles(), report.badRecords()));
        }
        if (report.late() + report.duplicates() > 0) {
            out.println(String.format(Locale.ROOT, "%,d decided events came after their time was settled (counted out of"
                    + " order); %,d redeliveries were decided once.", report.late(), report.duplicates()));
        }
        for (Report.PackSummary pack : report.packs()) {
            pack(pack);
        }
        if (report.compared()) {
            differences(report);
        }
        out.flush();
    }

    private void pack(Report.PackSummary pack) {
        Tally tally = pack.tally();
        out.println();
        out.println("Pack \"" + pack.name() + "\" (" + pack.rules() + "):");
        if (tally.rows().isEmpty()) {
            out.println("  no rule acted on any event.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("  RULE", "ACCOUNT", "REGION", "MATCHES", "ENFORCE", "DRY-RUN", "NOTIFY", "HELD", "EXEMPTED",
                    "PROTECTED", "TRIPS"));
            tally.rows().forEach((row, counts) -> rows.add(List.of("  " + row.rule(), Printable.of(row.account()),
                    Printable.of(row.region()), number(counts.matches()), number(counts.count(Verdict.ENFORCE)),
                    number(counts.count(Verdict.DRY_RUN)), number(counts.count(Verdict.NOTIFY)),
                    number(counts.count(Verdict.HELD)), number(counts.count(Verdict.EXEMPTED)),
                    number(counts.count(Verdict.PROTECTED)), number(counts.trips()))));
            Columns.print(out, rows);
            tally.rows().forEach(this::details);
        }
        if (!tally.trips().isEmpty()) {
            out.println("  Breaker trips (each holds back the later enforcing actions in its scope until its cool-down):");
            tally.trips().forEach(trip -> out.println("    " + trip.time() + " " + trip.breaker() + ", by rule " + trip.rule()
                    + " in " + Printable.of(trip.account()) + " " + Printable.of(trip.region()) + ": " + trip.cause()));
        }
        if (!tally.skipped().isEmpty()) {
            out.println("  Events no rule acted on: " + tally.skipped().entrySet().stream()
                    .map(entry -> number(entry.getValue()) + " " + entry.getKey()).collect(Collectors.joining("; ")) + ".");
        }
    }

    private void details(Tally.Row row, Tally.RuleCounts counts) {
        out.println("  " + row.rule() + " in " + Printable.of(row.account()) + " " + Printable.of(row.region()) + ":");
        counts.exemptions().forEach((exemption, count) -> out.println("    exempted " + number(count) + " by "
                + Printable.of(exemption)));
        out.println("    top principals: " + top(counts.principals()));
        out.println("    top resources: " + top(counts.resources()));
    }

    private void differences(Report report) {
        out.println();
        out.println(String.format(Locale.ROOT, "%,d events decided differently by \"%s\" and \"%s\".", report.differing(),
                report.packs().get(0).name(), report.packs().get(1).name()));
        new java.util.TreeMap<>(report.transitions()).forEach((transition, count) ->
                out.println("  " + Printable.of(transition) + ": " + number(count)));
        if (!report.differences().isEmpty()) {
            out.println("  The first events:");
        }
        for (PackDiff.Difference difference : report.differences().subList(0,
                Math.min(DIFFERENCES_SHOWN, report.differences().size()))) {
            out.println("  " + difference.time() + " " + Printable.of(difference.eventName()) + " "
                    + Printable.of(difference.eventId()) + " by " + Printable.of(difference.principal()) + " in "
                    + Printable.of(difference.account()) + " " + Printable.of(difference.region()) + ":");
            for (PackDiff.Change change : difference.changes()) {
                out.println("    " + change.rule() + " (" + change.action() + "): " + side(change.base(), change.baseReason())
                        + " -> " + side(change.against(), change.againstReason()));
            }
        }
        if (report.differing() > DIFFERENCES_SHOWN) {
            out.println(String.format(Locale.ROOT, "  ... and %,d more (--json lists every one).",
                    report.differing() - DIFFERENCES_SHOWN));
        }
    }

    private static String side(Verdict verdict, String reason) {
        return (verdict == null ? "no decision" : verdict.words()) + " (" + Printable.of(reason) + ")";
    }

    private static String top(TopCounts counts) {
        return counts.top(TOP).stream().map(count -> Printable.of(count.name()) + " (" + number(count.count()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
