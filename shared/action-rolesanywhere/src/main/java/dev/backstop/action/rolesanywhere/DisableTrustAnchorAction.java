package dev.backstop.action.rolesanywhere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import dev.backstop.action.rolesanywhere.RolesAnywhereApi.TrustAnchor;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Disables an IAM Roles Anywhere trust anchor that a call created or enabled: while it is enabled,
 * anyone holding a certificate its authority issued can exchange it for a role's credentials, from
 * anywhere, for as long as the certificate lasts. Disabling keeps the anchor, its source and its
 * profiles; undo enables it again.
 */
final class DisableTrustAnchorAction implements RemediationAction {

    static final String NAME = "rolesanywhere.disable-trust-anchor";

    private final RolesAnywhereApi rolesAnywhere;

    @Inject
    DisableTrustAnchorAction(RolesAnywhereApi rolesAnywhere) {
        this.rolesAnywhere = rolesAnywhere;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String id = trustAnchorId(event);
        Optional<TrustAnchor> anchor = rolesAnywhere.getTrustAnchor(id);
        String arn = anchor.map(TrustAnchor::arn).orElse("trust-anchor/" + id);
        return new ActionPlan(NAME, arn, id, state(anchor), "DisableTrustAnchor on " + arn
                + ": certificates of its authority no longer get credentials",
                new DisableTrustAnchorUndo(id));
    }

    @Override
    public void apply(ActionPlan plan) {
        rolesAnywhere.disableTrustAnchor(plan.address());
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(rolesAnywhere.getTrustAnchor(plan.address()));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return rolesAnywhere.listTagsForResource(plan.resource());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public DisableTrustAnchorUndo readUndo(JsonNode stored) {
        return DisableTrustAnchorUndo.FORMAT.read(stored);
    }

    /** Enables the anchor again. */
    @Override
    public ResourceState undo(JsonNode stored) {
        String id = readUndo(stored).trustAnchorId();
        if (rolesAnywhere.getTrustAnchor(id).isEmpty()) {
            return ResourceState.gone();
        }
        rolesAnywhere.enableTrustAnchor(id);
        return state(rolesAnywhere.getTrustAnchor(id));
    }

    /** The anchor a call names: CreateTrustAnchor's in its response, EnableTrustAnchor's in its request. */
    private static String trustAnchorId(CloudTrailEvent event) {
        JsonNode created = event.detail().responseElements().path("trustAnchor").path("trustAnchorId");
        JsonNode named = created.isTextual() ? created : event.detail().requestParameters().path("trustAnchorId");
        if (!named.isTextual() || named.asText().isBlank()) {
            throw new MalformedEventException("detail.responseElements.trustAnchor.trustAnchorId",
                    "is missing, and so is detail.requestParameters.trustAnchorId; the trust anchor is unknown");
        }
        return named.asText();
    }

    private static ResourceState state(Optional<TrustAnchor> anchor) {
        return anchor.map(found -> new ResourceState(true, !found.enabled(), Map.of(
                "enabled", String.valueOf(found.enabled()), "name", found.name())))
                .orElseGet(ResourceState::gone);
    }
}
