package dev.backstop.notify;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AlarmContext;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.RecentChange;
import java.util.stream.Collectors;

/** Words for a decision: what happened, to what, after whose call. Failures are called failures. */
final class Summaries {

    // SNS subjects are at most 100 printable ASCII characters.
    private static final int SUBJECT_LIMIT = 100;

    private Summaries() {
    }

    static String subject(AuditRecord record) {
        String subject = "Backstop " + record.outcome().name() + ": " + (record.alarm() == null ? record.eventName()
                : "alarm " + record.alarm().alarmName() + " is " + record.alarm().state());
        String ascii = subject.replaceAll("[^\\x20-\\x7E]", "?");
        return ascii.length() <= SUBJECT_LIMIT ? ascii : ascii.substring(0, SUBJECT_LIMIT);
    }

    static String of(AuditRecord record) {
        if (record.eventId() == null && record.alarm() == null) {
            // Backstop's own event (a breaker, a rule file): its reason says it all.
            return record.eventName() + " in " + record.account() + "/" + record.region() + ": "
                    + record.outcome().name() + ". " + record.reason();
        }
        String actions = record.actions().stream().map(Summaries::sentence).collect(Collectors.joining(" "));
        if (record.alarm() != null) {
            return alarm(record.alarm()) + " in " + record.account() + "/" + record.region() + ": "
                    + record.outcome().name() + ". " + actions + (actions.isEmpty() ? "" : " ") + changes(record.alarm());
        }
        return record.eventName() + " by " + record.principal() + " in " + record.account() + "/" + record.region()
                + ": " + record.outcome().name() + ". " + actions;
    }

    private static String alarm(AlarmContext alarm) {
        return "Alarm \"" + alarm.alarmName() + "\" went " + (alarm.previousState() == null ? "" : alarm.previousState() + " -> ")
                + alarm.state() + (alarm.reason() == null ? "" : " (" + alarm.reason() + ")");
    }

    /** Who lit the fire: the changes found before the alarm, or why none could be named. */
    private static String changes(AlarmContext alarm) {
        String looked = alarm.resources().isEmpty() ? "" : " to " + String.join(", ", alarm.resources());
        String note = alarm.correlation() == null ? "" : " (" + alarm.correlation() + ")";
        if (alarm.changes().isEmpty()) {
            return "No changes" + looked + " found in CloudTrail before the alarm" + note + ".";
        }
        return "Changes" + looked + " before the alarm: "
                + alarm.changes().stream().map(RecentChange::describe).collect(Collectors.joining("; ")) + note + ".";
    }

    static String sentence(ActionResult result) {
        String verb = switch (result.outcome()) {
            case REMEDIATED -> "Remediated";
            case UNDONE -> "Undone by an operator:";
            case PENDING -> "Pending, waits out its veto window:";
            case VETOED -> "Vetoed, will not run:";
            case FAILED -> "FAILED";
            case WOULD_REMEDIATE -> "Dry run, would have run";
            case PROTECTED -> "Protected principal, did not run";
            case NOTIFIED -> "Notify only, did not run";
            case EXEMPTED -> "Exempted, did not run";
            case RESOURCE_GONE -> "Nothing to fix, the resource is gone, for";
            case ALREADY_COMPLIANT -> "Nothing to fix, already compliant, for";
            case IGNORED -> "Not run:";
            default -> result.outcome().name() + ":";
        };
        return verb + " " + result.action() + " on " + result.resource() + " (rule " + result.rule() + "): "
                + result.detail() + ".";
    }
}
