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
 * reads its state back.
 *
 * <p>Undo schedules the deletion again with the waiting period the call asked for (the deletion
 * date moves: the period starts anew), or disables the key again when it was only disabled.
 */
final class CancelKeyDeletionAction implements RemediationAction {

    static final String NAME = "kms.cancel-key-deletion";
    static final String WINDOW = "pendingWindowInDays";
    /** KMS's waiting period when the call names none. */
    static final int DEFAULT_WINDOW = 30;

    private final Keys keys;
    private final OwnResources own;

    @Inject
    CancelKeyDeletionAction(Keys keys, Optional<OwnResources> own) {
        this.keys = keys;
        this.own = own.orElse(OwnResources.none());
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return KeyTargets.applies(trigger, own);
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        String key = KeyTargets.key(trigger, own);
        CloudTrailEvent event = (CloudTrailEvent) trigger; // KeyTargets.key refuses any other trigger
        ResourceState before = keys.state(key);
        boolean pending = Keys.pendingDeletion(before);
        KeyUndo undo = new KeyUndo(key, pending ? window(event) : null);
        return new ActionPlan(NAME, key, key, before, (pending ? "CancelKeyDeletion on " + key + ", then EnableKey"
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
        return Map.of(); // Backstop's own keys are never exempt by tag
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
