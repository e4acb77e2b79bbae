package dev.backstop.notify;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import java.util.stream.Collectors;

/** Words for a decision: what happened, to what, after whose call. Failures are called failures. */
final class Summaries {

    // SNS subjects are at most 100 printable ASCII characters.
    private static final int SUBJECT_LIMIT = 100;

    private Summaries() {
    }

    static String subject(AuditRecord record) {
        String subject = "Backstop " + record.outcome().name() + ": " + record.eventName();
        String ascii = subject.replaceAll("[^\\x20-\\x7E]", "?");
        return ascii.length() <= SUBJECT_LIMIT ? ascii : ascii.substring(0, SUBJECT_LIMIT);
    }

    static String of(AuditRecord record) {
        String actions = record.actions().stream().map(Summaries::sentence).collect(Collectors.joining(" "));
        return record.eventName() + " by " + record.principal() + " in " + record.account() + "/" + record.region()
                + ": " + record.outcome().name() + ". " + actions;
    }

    private static String sentence(ActionResult result) {
        String verb = switch (result.outcome()) {
            case REMEDIATED -> "Remediated";
            case UNDONE -> "Undone by an operator:";
            case FAILED -> "FAILED";
            case WOULD_REMEDIATE -> "Dry run, would have run";
            case NOTIFIED -> "Notify only, did not run";
            case EXEMPTED -> "Exempted, did not run";
            case RESOURCE_GONE -> "Nothing to fix, the resource is gone, for";
            case ALREADY_COMPLIANT -> "Nothing to fix, already compliant, for";
            default -> result.outcome().name() + ":";
        };
        return verb + " " + result.action() + " on " + result.resource() + " (rule " + result.rule() + "): "
                + result.detail() + ".";
    }
}
