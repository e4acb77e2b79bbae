package dev.backstop.action.kms;

import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.CallTargets;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;

/** The key a KMS call named, if it is one of Backstop's own ({@link OwnResources}). */
final class KeyTargets {

    private KeyTargets() {
    }

    /** A CloudTrail event naming one of Backstop's own keys. */
    static boolean applies(Trigger trigger, OwnResources own) {
        return trigger instanceof CloudTrailEvent event && CallTargets.key(event).map(own::includes).orElse(false);
    }

    /** The key's ARN; refused when the trigger is no call, names no key, or a key not Backstop's own. */
    static String key(Trigger trigger, OwnResources own) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String key = CallTargets.key(event).orElseThrow(() -> new ActionRefusedException(event.eventId(),
                "the event names no key (requestParameters.keyId)"));
        if (!own.includes(key)) {
            throw new ActionRefusedException(key, "not one of Backstop's own keys");
        }
        return key;
    }
}
