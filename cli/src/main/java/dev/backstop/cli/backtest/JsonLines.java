package dev.backstop.cli.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code --json}: one JSON object a line, each with a {@code type}. While the replay runs, a
 * {@code decision} line per decision (or, comparing packs, a {@code difference} line per event
 * decided differently); at the end a {@code summary} line per rule, account and region, a
 * {@code trip} line per breaker trip, and one {@code totals} line per pack.
 */
final class JsonLines implements Replay.Listener {

    private static final int TOP = 5;

    private final PrintWriter out;
    private final ObjectMapper json;

    JsonLines(PrintWriter out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    @Override
    public void decided(List<List<Decision>> decisions) {
        decisions.get(0).forEach(decision -> write(decision(decision)));
    }

    void difference(PackDiff.Difference difference) {
        ObjectNode line = json.createObjectNode().put("type", "difference").put("time", difference.time().toString())
                .put("eventId", difference.eventId()).put("eventName", difference.eventName())
                .put("account", difference.account()).put("region", difference.region())
                .put("principal", difference.principal());
        ArrayNode changes = line.putArray("changes");
        for (PackDiff.Change change : difference.changes()) {
            ObjectNode node = changes.addObject().put("rule", change.rule()).put("action", change.action());
            side(node.putObject("rules"), change.base(), change.baseReason());
            side(node.putObject("against"), change.against(), change.againstReason());
        }
        write(line);
    }

    void summary(Report report) {
        for (Report.PackSummary pack : report.packs()) {
            pack.tally().rows().forEach((row, counts) -> write(row(pack.name(), row, counts)));
            for (Tally.Trip trip : pack.tally().trips()) {
                write(json.createObjectNode().put("type", "trip").put("pack", pack.name()).put("time", trip.time().toString())
                        .put("rule", trip.rule()).put("account", trip.account()).put("region", trip.region())
                        .put("breaker", trip.breaker()).put("cause", trip.cause()));
            }
            ObjectNode totals = json.createObjectNode().put("type", "totals").put("pack", pack.name())
                    .put("source", report.source()).put("files", report.files()).put("events", report.events())
                    .put("outsideWindow", report.outside()).put("badFiles", report.badFiles())
                    .put("badRecords", report.badRecords()).put("late", report.late())
                    .put("duplicates", report.duplicates());
            ObjectNode skipped = totals.putObject("noDecision");
            pack.tally().skipped().forEach(skipped::put);
            if (report.compared()) {
                totals.put("differingEvents", report.differing());
            }
            write(totals);
        }
        out.flush();
    }

    private ObjectNode decision(Decision decision) {
        return json.createObjectNode().put("type", "decision").put("time", decision.time().toString())
                .put("eventId", decision.eventId()).put("eventName", decision.eventName())
                .put("account", decision.account()).put("region", decision.region())
                .put("principal", decision.principal()).put("rule", decision.rule()).put("action", decision.action())
                .put("resource", decision.resource()).put("mode", decision.mode().label())
                .put("verdict", decision.verdict().label()).put("reason", decision.reason());
    }

    private ObjectNode row(String pack, Tally.Row row, Tally.RuleCounts counts) {
        ObjectNode line = json.createObjectNode().put("type", "summary").put("pack", pack).put("rule", row.rule())
                .put("account", row.account()).put("region", row.region()).put("matches", counts.matches());
        for (Verdict verdict : Verdict.values()) {
            line.put(verdict.label(), counts.count(verdict));
        }
        line.put("breakerTrips", counts.trips());
        ObjectNode exemptions = line.putObject("exemptions");
        counts.exemptions().forEach(exemptions::put);
        top(line.putArray("topPrincipals"), counts.principals());
        top(line.putArray("topResources"), counts.resources());
        return line;
    }

    private static void top(ArrayNode array, TopCounts counts) {
        counts.top(TOP).forEach(count -> array.addObject().put("name", count.name()).put("count", count.count()));
    }

    private static void side(ObjectNode node, Verdict verdict, String reason) {
        node.put("verdict", verdict == null ? null : verdict.label()).put("reason", reason);
    }

    private void write(ObjectNode line) {
        out.println(line.toString());
    }
}
