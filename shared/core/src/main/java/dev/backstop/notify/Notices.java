package dev.backstop.notify;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AlarmContext;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.audit.RecentChange;
import dev.backstop.rules.Routing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns an audit record into its notices: one per rule and resource it acted on (so a ticket
 * is one per resource and rule, and each resource reaches its own owner), routed as the rule
 * files say.
 */
public final class Notices {

    private Notices() {
    }

    /** The record's notices, in the order of its actions; none when no rule matched. */
    public static List<Notice> of(AuditRecord record, Routing routing) {
        Map<List<String>, List<ActionResult>> groups = new LinkedHashMap<>();
        for (ActionResult action : record.actions()) {
            groups.computeIfAbsent(List.of(action.rule(), action.resource()), key -> new ArrayList<>()).add(action);
        }
        Optional<String> undo = undoCommand(record);
        List<Notice> notices = new ArrayList<>();
        groups.forEach((key, actions) -> notices.add(notice(record, actions, routing, undo)));
        return notices;
    }

    private static Notice notice(AuditRecord record, List<ActionResult> actions, Routing routing, Optional<String> undo) {
        ActionResult first = actions.get(0);
        Outcome outcome = actions.stream().map(ActionResult::outcome).reduce(Outcome::weightier).orElseThrow();
        Map<String, String> tags = new LinkedHashMap<>();
        actions.forEach(action -> tags.putAll(action.tags()));
        Routing.Route route = routing.route(tags, record.account());
        String resource = first.resource();
        return new Notice(record.auditId(), record.account(), routing.alias(record.account()), record.region(), resource,
                first.rule(), first.severity(), outcome, actor(record), record.eventName(), record.decidedAt(),
                actions.stream().map(Notices::sentence).toList(),
                ConsoleLinks.of(resource.equals("-") ? null : resource, record.region(), record.eventId()),
                undo, route.contact(), route.why(), tags);
    }

    /** The command that reverses the whole decision, when it applied a change with undo data. */
    static Optional<String> undoCommand(AuditRecord record) {
        boolean reversible = record.actions().stream()
                .anyMatch(action -> action.outcome() == Outcome.REMEDIATED && !action.undo().isEmpty());
        return reversible ? Optional.of("./backstop undo " + record.auditId() + " --yes") : Optional.empty();
    }

    /** Who made the change: the caller of the API call, or for an alarm the changes found before it. */
    static String actor(AuditRecord record) {
        AlarmContext alarm = record.alarm();
        if (alarm != null) {
            String changes = alarm.changes().isEmpty() ? "no change found in CloudTrail before it"
                    : alarm.changes().stream().map(RecentChange::describe).collect(Collectors.joining("; "));
            return "CloudWatch alarm " + alarm.alarmName() + " (" + changes + ")";
        }
        if (record.principal() == null) {
            return "unknown";
        }
        return record.principal() + (record.principalType() == null ? "" : " (" + record.principalType() + ")")
                + (record.eventName() == null ? "" : ", " + record.eventName())
                + (record.sourceIp() == null ? "" : " from " + record.sourceIp());
    }

    static String sentence(ActionResult result) {
        return Summaries.sentence(result);
    }
}
