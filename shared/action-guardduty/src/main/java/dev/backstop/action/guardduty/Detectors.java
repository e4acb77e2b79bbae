package dev.backstop.action.guardduty;

import dev.backstop.action.ActionRefusedException;
import dev.backstop.aws.Partitions;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import java.util.List;

/** Which detector a trigger is about, and how the audit record names one. */
final class Detectors {

    private Detectors() {
    }

    /**
     * The detector an API call named ({@code requestParameters.detectorId}), or for a finding about
     * the account (Security Hub's GuardDuty.1) the region's one detector.
     */
    static String detectorId(Trigger trigger, GuardDutyApi guardDuty) {
        if (trigger instanceof CloudTrailEvent event) {
            return requested(event, "detectorId");
        }
        if (trigger instanceof FindingEvent finding) {
            List<String> ids = guardDuty.detectorIds();
            if (ids.isEmpty()) {
                throw new ActionRefusedException(account(finding),
                        "GuardDuty has no detector in " + guardDuty.region().id() + " to turn on; create one: aws guardduty"
                                + " create-detector --enable --region " + guardDuty.region().id());
            }
            return ids.get(0);
        }
        throw ActionRefusedException.unanswered(trigger);
    }

    static String requested(CloudTrailEvent event, String parameter) {
        String value = event.detail().requestParameters().path(parameter).asText("");
        if (value.isBlank()) {
            throw new MalformedEventException("detail.requestParameters." + parameter, "is missing");
        }
        return value;
    }

    static String arn(GuardDutyApi guardDuty, String account, String detectorId) {
        return "arn:" + Partitions.of(guardDuty.region()) + ":guardduty:" + guardDuty.region().id() + ":" + account + ":detector/" + detectorId;
    }

    private static String account(FindingEvent finding) {
        return "arn:aws:iam::" + finding.account() + ":root";
    }
}
