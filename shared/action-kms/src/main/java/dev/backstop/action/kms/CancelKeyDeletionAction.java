package dev.backstop.action.kms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code kms.cancel-key-deletion}: one of Backstop's own keys ({@link OwnResources}) was scheduled
 * for deletion (ScheduleKeyDeletion), so nothing it encrypts can be published until then, and
 * never again after. Cancels the deletion, which leaves the key disabled, then enables it, and
 * reads its state back. {@code kms.cancel-customer-key-deletion} does the same for every other
 * key ({@link KeyTargets#OTHERS}), which a team may exempt by tag.
 *
 * <p>KMS keeps no trace of whether a key pending deletion was enabled before: the key comes back
 * enabled, since a key left disabled still breaks whatever it encrypts (the default pack ships the
 * other keys' rule in notify for that reason).
 *
 * <p>Undo schedules the deletion again with the waiting period the call asked for (the deletion
 * date moves: the period starts anew), or disables the key again when it was only disabled.
 */
final class CancelKeyDeletionAction implements RemediationAction {

    static final String NAME = "kms.cancel-key-deletion";
    static final String CUSTOMER_NAME = "kms.cancel-customer-key-deletion";
    static final String WINDOW = "pendingWindowInDays";
    /** KMS's waiting period when the call names none. */
    static final int DEFAULT_WINDOW = 30;

    private final String name;
    private final KeyTargets targets;
    private final Keys keys;
    private final OwnResources own;

    /** Backstop's own keys' ({@value #NAME}). */
    @Inject
    CancelKeyDeletionAction(Keys keys, Optional<OwnResources> own) {
        this(NAME, KeyTargets.OWN, keys, own);
    }

    CancelKeyDeletionAction(String name, KeyTargets targets, Keys keys, Optional<OwnResources> own) {
        this.name = name;
        this.targets = targets;
        this.keys = keys;
        this.own = own.orElse(OwnResources.none());
    }

    /** Every other key's ({@value #CUSTOMER_NAME}). */
    static CancelKeyDeletionAction customerKeys(Keys keys, Optional<OwnResources> own) {
        return new CancelKeyDeletionAction(CUSTOMER_NAME, KeyTargets.OTHERS, keys, own);
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return targets.applies(trigger, own);
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        String key = targets.key(trigger, own);
        CloudTrailEvent event = (CloudTrailEvent) trigger; // targets.key refuses any other trigger
        ResourceState before = keys.state(key);
        boolean pending = Keys.pendingDeletion(before);
        KeyUndo undo = new KeyUndo(key, pending ? window(event) : null);
        return new ActionPlan(name, key, key, before, (pending ? "CancelKeyDeletion on " + key + ", then EnableKey"
                : "EnableKey on " + key), undo);
    }

    @Override
    public void apply(ActionPlan plan) {
        if (Keys.pendingDeletion(plan.before())) {
            keys.cancelDeletion(plan.address());
        }
        keys.enable(plan.address());
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return keys.state(plan.address());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        // Backstop's own keys are never exempt by tag; a team's key is when it says so.
        return targets == KeyTargets.OWN ? Map.of() : keys.tags(plan.address());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public KeyUndo readUndo(JsonNode stored) {
        return KeyUndo.FORMAT.read(stored);
    }

    @Override
    public ResourceState undo(JsonNode stored) {
        KeyUndo undo = readUndo(stored);
        if (undo.pendingWindowInDays() != null) {
            keys.scheduleDeletion(undo.key(), undo.pendingWindowInDays());
        } else {
            keys.disable(undo.key());
        }
        return keys.state(undo.key());
    }

    /** The waiting period the call asked for (7 to 30 days), else KMS's default. */
    private static int window(CloudTrailEvent event) {
        int days = event.detail().requestParameters().path(WINDOW).asInt(DEFAULT_WINDOW);
        return days >= 7 && days <= 30 ? days : DEFAULT_WINDOW;
    }
}
