package dev.backstop.notify;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AlarmContext;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.audit.RecentChange;
import dev.backstop.rules.Declared;
import dev.backstop.rules.Directives;
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

    /** The record's notices routed by the routing alone: no pipelines' owner is told. */
    public static List<Notice> of(AuditRecord record, Routing routing) {
        return of(record, Directives.NONE.withRouting(routing));
    }

    /** The record's notices, in the order of its actions; none when no rule matched. */
    public static List<Notice> of(AuditRecord record, Directives directives) {
        Map<List<String>, List<ActionResult>> groups = new LinkedHashMap<>();
        for (ActionResult action : record.actions()) {
            groups.computeIfAbsent(List.of(action.rule(), action.resource()), key -> new ArrayList<>()).add(action);
        }
        Optional<String> undo = undoCommand(record);
        List<Notice> notices = new ArrayList<>();
        groups.forEach((key, actions) -> notices.add(notice(record, actions, directives, undo)));
        return notices;
    }

    private static Notice notice(AuditRecord record, List<ActionResult> actions, Directives directives,
            Optional<String> undo) {
        Routing routing = directives.routing();
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
                undo, route.contact(), route.why(), tags, mode(actions), declared(actions),
                outcome == Outcome.PENDING ? Optional.of("./backstop veto " + record.auditId() + " --reason \"...\" --yes")
                        : Optional.empty(),
                actions.stream().anyMatch(action -> action.declared().startsWith(Declared.REVERT_AND_TELL.label() + ":"))
                        ? directives.pipelines().owner().filter(owner -> !route.contact().equals(Optional.of(owner)))
                        : Optional.empty());
    }

    /** The mode of the actions and why, as the records say: {@code enforce (when case at team.yaml:14: tag env=dev)}. */
    private static String mode(List<ActionResult> actions) {
        return actions.stream().map(action -> (action.mode() == null ? "-" : action.mode().label())
                + (action.modeReason().isEmpty() ? "" : " (" + action.modeReason() + ")")).distinct()
                .collect(Collectors.joining("; "));
    }

    private static Optional<String> declared(List<ActionResult> actions) {
        return actions.stream().map(ActionResult::declared).filter(by -> !by.isEmpty()).findFirst();
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
