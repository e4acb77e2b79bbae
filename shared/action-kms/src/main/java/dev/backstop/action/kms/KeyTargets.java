package dev.backstop.action.kms;

import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.CallTargets;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import java.util.Optional;

/**
 * Which keys an action answers: Backstop's own ({@link OwnResources}), which the self-watch rules
 * guard, or every other key, which the account's rules guard. The two never answer the same key,
 * so one call on a key is never answered by two rules.
 */
enum KeyTargets {

    OWN("one of Backstop's own keys"),
    OTHERS("a key other than Backstop's own");

    private final String what;

    KeyTargets(String what) {
        this.what = what;
    }

    /** A CloudTrail event naming a key of this kind. */
    boolean applies(Trigger trigger, OwnResources own) {
        return trigger instanceof CloudTrailEvent event && named(event).map(key -> ours(key, own)).orElse(false);
    }

    /** The key's ARN; refused when the trigger is no call, names no key, or a key of the other kind. */
    String key(Trigger trigger, OwnResources own) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String key = named(event).orElseThrow(() -> new ActionRefusedException(event.eventId(),
                "the event names no key (requestParameters.keyId)"));
        if (!ours(key, own)) {
            throw new ActionRefusedException(key, "not " + what);
        }
        return key;
    }

    private boolean ours(String key, OwnResources own) {
        return own.includes(key) == (this == OWN);
    }

    /**
     * The key a call names: {@code requestParameters.keyId}, or for CreateKey, which names none,
     * the new key's ARN in {@code responseElements.keyMetadata.arn}.
     */
    static Optional<String> named(CloudTrailEvent event) {
        Optional<String> key = CallTargets.key(event);
        if (key.isPresent()) {
            return key;
        }
        String created = event.detail().responseElements().path("keyMetadata").path("arn").asText("");
        return created.startsWith("arn:") && created.contains(":key/") ? Optional.of(created) : Optional.empty();
    }
}
