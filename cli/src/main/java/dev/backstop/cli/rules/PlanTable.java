package dev.backstop.cli.rules;

import dev.backstop.config.Mode;
import dev.backstop.text.Shown;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The plan for people: a heading per event, a table of its matching rules, a count at the end. */
final class PlanTable {

    private static final List<String> HEADINGS = List.of("RULE", "MODE", "ACTIONS", "EXEMPTION");

    private final PrintWriter out;
    private int matched;
    private int unmatched;
    private int rejected;

    PlanTable(PrintWriter out) {
        this.out = out;
    }

    void print(EventPlan plan) {
        // The event's own words are cut short and escaped: a CR LF in an event name must not forge a row.
        String event = plan.where().isEmpty() ? plan.source() : plan.source() + " " + plan.where();
        if (plan.isRejected()) {
            rejected++;
            out.println(Shown.escaped(event + ": rejected: " + plan.error()));
            return;
        }
        out.println(Shown.escaped(event + ": " + plan.eventName() + " " + plan.eventId()));
        if (plan.ignored() != null) {
            out.println("  ignored: " + Shown.escaped(plan.ignored()));
        }
        if (plan.protectedCaller() != null) {
            out.println("  protected: " + Shown.escaped(plan.protectedCaller()));
        }
        if (plan.matches().isEmpty()) {
            unmatched++;
            out.println("  no rule matched");
            return;
        }
        matched++;
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        plan.matches().forEach(match -> rows.add(Stream.of(match.rule(), match.mode().label(), actions(match, plan),
                match.exemption() == null ? "-" : (match.exempted() ? "exempted: " : "") + match.exemption())
                .map(Shown::escaped).toList()));
        printAligned(rows);
        // Why each mode, where it is more than the rule's own word.
        plan.matches().stream().filter(match -> !match.modeReason().equals("the rule's mode"))
                .forEach(match -> out.println("  mode of " + match.rule() + ": " + match.mode().label() + ", "
                        + match.modeReason()));
    }

    void summary(Mode globalMode) {
        int events = matched + unmatched + rejected;
        out.println();
        out.println(events + (events == 1 ? " event: " : " events: ") + matched + " matched a rule, " + unmatched
                + " matched none, " + rejected + " rejected. Modes capped by --mode " + globalMode.label() + ".");
    }

    private static String actions(EventPlan.Match match, EventPlan plan) {
        if (!match.actions().isEmpty()) {
            return match.actions().stream().map(RuleWords::action).collect(Collectors.joining(", "));
        }
        return match.mode() == Mode.OFF ? "none (mode off)" : match.exempted() ? "none (exempted)"
                : plan.ignored() != null ? "none (ignored)"
                : plan.protectedCaller() != null ? "none (protected principal: notified)"
                : "none (no action of the rule answers this event)";
    }

    private void printAligned(List<List<String>> rows) {
        int columns = HEADINGS.size();
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < columns; i++) {
                line.append(' ').append(i == columns - 1 ? row.get(i) : pad(row.get(i), widths[i] + 1));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
