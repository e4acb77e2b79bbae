package dev.backstop.cli.backtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --html FILE}: the report as one page that needs nothing else, no network and no script:
 * a timeline of each rule's decisions (inline SVG, a bar per stretch of time stacked by verdict)
 * and the tables of the text report. Everything from the logs is escaped, and the page's
 * content policy forbids scripts and fetching anything, should a name ever slip through.
 */
final class HtmlReport {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 110;
    private static final int TOP = 5;
    private static final Map<Verdict, String> COLOURS = Map.of(Verdict.ENFORCE, "#c0392b", Verdict.DRY_RUN, "#e67e22",
            Verdict.NOTIFY, "#2980b9", Verdict.HELD, "#8e44ad", Verdict.EXEMPTED, "#95a5a6", Verdict.PROTECTED, "#16a085");

    private final StringBuilder page = new StringBuilder(64 * 1024);

    String render(Report report) {
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>Backstop backtest</title>\n<style>\n")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:left;vertical-align:top}td.n{text-align:right}th{background:#f3f3f3}")
                .append("svg.timeline{display:block;border:1px solid #ddd;background:#fcfcfc;margin:.3em 0 1em}")
                .append(".legend span{display:inline-block;margin-right:1em}.legend i{display:inline-block;width:.9em;")
                .append("height:.9em;margin-right:.3em;vertical-align:middle}\n</style></head><body>\n")
                .append("<h1>Backstop backtest</h1>\n<p id=\"read\">")
                .append(text(String.format(Locale.ROOT, "%,d events from %s, %s; %,d outside the window; %,d bad files and"
                        + " %,d bad records skipped.", report.events(), report.source(), report.window(), report.outside(),
                        report.badFiles(), report.badRecords())))
                .append("</p>\n");
        legend();
        Timeline axis = Timeline.spanning(report.packs().stream().map(pack -> pack.tally().timeline()).toList());
        for (Report.PackSummary pack : report.packs()) {
            pack(pack, axis);
        }
        if (report.compared()) {
            differences(report);
        }
        return page.append("</body></html>\n").toString();
    }

    private void legend() {
        page.append("<p class=\"legend\">");
        for (Verdict verdict : Verdict.values()) {
            page.append("<span><i style=\"background:").append(COLOURS.get(verdict)).append("\"></i>")
                    .append(text(verdict.words())).append("</span>");
        }
        page.append("</p>\n");
    }

    private void pack(Report.PackSummary pack, Timeline axis) {
        Tally tally = pack.tally();
        page.append("<section class=\"pack\" data-pack=\"").append(text(pack.name())).append("\">\n<h2>Pack &ldquo;")
                .append(text(pack.name())).append("&rdquo;</h2>\n<p>").append(text(pack.rules())).append("</p>\n")
                .append("<h3>Timeline</h3>\n");
        if (axis == null || tally.timeline().isEmpty()) {
            page.append("<p>No rule acted on any event.</p>\n");
        } else {
            page.append("<p>").append(text(axis.start(0) + " to " + axis.end() + ", a bar per " + hours(axis))).append("</p>\n");
            tally.timeline().forEach((rule, hours) -> chart(rule, axis.bars(hours), axis));
        }
        page.append("<h3>Decisions by rule, account and region</h3>\n<table class=\"summary\"><thead><tr>");
        List.of("Rule", "Account", "Region", "Matches", "Enforce", "Dry-run", "Notify", "Held", "Exempted", "Protected",
                "Trips", "Exempted by", "Top principals", "Top resources")
                .forEach(heading -> page.append("<th>").append(heading).append("</th>"));
        page.append("</tr></thead><tbody>\n");
        tally.rows().forEach((row, counts) -> {
            page.append("<tr><td>").append(text(row.rule())).append("</td><td>").append(text(row.account()))
                    .append("</td><td>").append(text(row.region())).append("</td>");
            number(counts.matches());
            for (Verdict verdict : Verdict.values()) {
                number(counts.count(verdict));
            }
            number(counts.trips());
            cell(counts.exemptions().entrySet().stream().map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                    .collect(Collectors.joining("\n")));
            cell(top(counts.principals()));
            cell(top(counts.resources()));
            page.append("</tr>\n");
        });
        page.append("</tbody></table>\n");
        if (!tally.trips().isEmpty()) {
            page.append("<h3>Breaker trips</h3>\n<table class=\"trips\"><thead><tr><th>Time</th><th>Breaker</th><th>Rule</th>")
                    .append("<th>Account</th><th>Region</th><th>Cause</th></tr></thead><tbody>\n");
            tally.trips().forEach(trip -> {
                page.append("<tr>");
                List.of(trip.time().toString(), trip.breaker(), trip.rule(), trip.account(), trip.region(), trip.cause())
                        .forEach(this::cell);
                page.append("</tr>\n");
            });
            page.append("</tbody></table>\n");
        }
        page.append("<p>Events no rule acted on: ").append(tally.skipped().isEmpty() ? "none" : text(tally.skipped()
                .entrySet().stream().map(entry -> String.format(Locale.ROOT, "%,d %s", entry.getValue(), entry.getKey()))
                .collect(Collectors.joining("; ")))).append(".</p>\n</section>\n");
    }

    /** One rule's bars, stacked by verdict, each with a title saying its time and counts. */
    private void chart(String rule, long[][] bars, Timeline axis) {
        long highest = 1;
        for (long[] bar : bars) {
            highest = Math.max(highest, java.util.Arrays.stream(bar).sum());
        }
        double width = (double) WIDTH / bars.length;
        page.append("<h4>").append(text(rule)).append("</h4>\n<svg class=\"timeline\" data-rule=\"").append(text(rule))
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT + 20)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT + 20)
                .append("\" role=\"img\">\n");
        for (int b = 0; b < bars.length; b++) {
            double y = HEIGHT;
            for (Verdict verdict : Verdict.values()) {
                long count = bars[b][verdict.ordinal()];
                if (count == 0) {
                    continue;
                }
                double height = Math.max(1, HEIGHT * (double) count / highest);
                y -= height;
                page.append(String.format(Locale.ROOT,
                        "<rect class=\"bar %s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\">"
                                + "<title>%s: %,d %s</title></rect>\n",
                        verdict.label(), b * width, y, Math.max(width - 1, 1), height, COLOURS.get(verdict),
                        text(axis.start(b).toString()), count, text(verdict.words())));
            }
        }
        page.append(String.format(Locale.ROOT, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n", HEIGHT,
                WIDTH, HEIGHT));
        page.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"11\">%s</text>", HEIGHT + 15,
                text(axis.start(0).toString())));
        page.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>",
                WIDTH - 2, HEIGHT + 15, text(axis.end().toString())));
        page.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"11\" font-size=\"11\">%,d a bar at most</text>\n</svg>\n",
                highest));
    }

    private void differences(Report report) {
        page.append(String.format(Locale.ROOT, "<section class=\"differences\"><h2>%,d events decided differently</h2>\n",
                report.differing()));
        page.append("<table class=\"transitions\"><thead><tr><th>Rule: from &rarr; to</th><th>Events</th></tr></thead><tbody>\n");
        new java.util.TreeMap<>(report.transitions()).forEach((transition, count) -> {
            page.append("<tr>");
            cell(transition);
            number(count);
            page.append("</tr>\n");
        });
        page.append("</tbody></table>\n<table class=\"changes\"><thead><tr><th>Time</th><th>Event</th><th>Principal</th>")
                .append("<th>Rule</th><th>").append(text(report.packs().get(0).name())).append("</th><th>")
                .append(text(report.packs().get(1).name())).append("</th></tr></thead><tbody>\n");
        for (PackDiff.Difference difference : report.differences()) {
            for (PackDiff.Change change : difference.changes()) {
                page.append("<tr>");
                cell(difference.time().toString());
                cell(difference.eventName() + " " + difference.eventId());
                cell(difference.principal());
                cell(change.rule() + " (" + change.action() + ")");
                cell(side(change.base(), change.baseReason()));
                cell(side(change.against(), change.againstReason()));
                page.append("</tr>\n");
            }
        }
        page.append("</tbody></table>\n");
        if (report.differing() > report.differences().size()) {
            page.append(String.format(Locale.ROOT, "<p>The first %,d are listed; --json lists every one.</p>\n",
                    report.differences().size()));
        }
        page.append("</section>\n");
    }

    /** A cell of lines, each escaped on its own. */
    private void cell(String value) {
        page.append("<td>").append(java.util.Arrays.stream(value.split("\n", -1)).map(HtmlReport::text)
                .collect(Collectors.joining("<br>"))).append("</td>");
    }

    private void number(long value) {
        page.append("<td class=\"n\">").append(String.format(Locale.ROOT, "%,d", value)).append("</td>");
    }

    private static String side(Verdict verdict, String reason) {
        return (verdict == null ? "no decision" : verdict.words()) + ": " + reason;
    }

    private static String top(TopCounts counts) {
        return counts.top(TOP).stream().map(count -> count.name() + " (" + count.count() + ")")
                .collect(Collectors.joining("\n"));
    }

    private static String hours(Timeline axis) {
        long hours = axis.perBar().toHours();
        return hours % 24 == 0 ? (hours / 24) + (hours == 24 ? " day" : " days") : hours + (hours == 1 ? " hour" : " hours");
    }

    /** HTML-escaped, control characters shown as escapes. */
    static String text(String value) {
        String safe = Printable.of(value);
        StringBuilder out = new StringBuilder(safe.length());
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
