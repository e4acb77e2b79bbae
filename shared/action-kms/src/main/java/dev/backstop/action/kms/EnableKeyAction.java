package dev.backstop.action.kms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.config.OwnResources;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code kms.enable-key}: one of Backstop's own keys ({@link OwnResources}) was disabled
 * (DisableKey), so every notification and alarm on the topics it encrypts fails.
 * Enables the key and reads its state back; undo disables it again. A key pending deletion is
 * refused: cancelling the deletion is {@code kms.cancel-key-deletion}'s answer to its own call.
 */
final class EnableKeyAction implements RemediationAction {

    static final String NAME = "kms.enable-key";

    private final Keys keys;
    private final OwnResources own;

    @Inject
    EnableKeyAction(Keys keys, Optional<OwnResources> own) {
        this.keys = keys;
        this.own = own.orElse(OwnResources.none());
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return KeyTargets.OWN.applies(trigger, own);
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        String key = KeyTargets.OWN.key(trigger, own);
        ResourceState before = keys.state(key);
        if (Keys.pendingDeletion(before)) {
            throw new ActionRefusedException(key, "the key is pending deletion: a disabled key cannot be enabled until"
                    + " the deletion is cancelled (kms.cancel-key-deletion answers the ScheduleKeyDeletion call)");
        }
        return new ActionPlan(NAME, key, key, before, "EnableKey on " + key, new KeyUndo(key, null));
    }

    @Override
    public void apply(ActionPlan plan) {
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
        keys.disable(undo.key());
        return keys.state(undo.key());
    }
}
