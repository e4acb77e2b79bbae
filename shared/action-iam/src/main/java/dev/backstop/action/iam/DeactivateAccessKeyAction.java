package dev.backstop.action.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.event.UserIdentity;
import dev.backstop.rules.ActionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Deactivates an IAM user's access key, never deletes it: the key can be switched back on, and
 * whoever relied on it finds out from a failing call rather than a vanished key. Which key: the
 * one that signed the call ({@code key: used}, {@code userIdentity.accessKeyId}) or the one the
 * call created ({@code key: created}, {@code responseElements.accessKey.accessKeyId}). With
 * {@code expectedNetworks}, a call from inside those networks is no match for the rule; with
 * {@code otherUsersOnly}, a key a user created for itself is none either (a key for another user
 * is how an intruder keeps a way in).
 *
 * <p>Refused: temporary credentials (ASIA…, a session, revoked with iam.revoke-role-sessions), the
 * account root user's own keys, which only the root user can change, and a key the event does not
 * describe ({@link IamClaims}): another user's, or, for {@code created}, one made long before the call.
 */
final class DeactivateAccessKeyAction implements RemediationAction {

    static final String NAME = "iam.deactivate-access-key";
    static final String USED = "used";
    static final String CREATED = "created";
    static final String OTHER_USERS_ONLY = "otherUsersOnly";

    private final IamClient iam;
    private final Principals principals;
    private final IamClaims claims;

    @Inject
    DeactivateAccessKeyAction(IamClient iam, Principals principals, IamClaims claims) {
        this.iam = iam;
        this.principals = principals;
        this.claims = claims;
    }

    /**
     * False for a call from an expected network, and, with {@code otherUsersOnly}, for a key the
     * caller created for itself; a malformed network list applies, so that the plan reports it.
     */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            return false;
        }
        if (spec.bool(OTHER_USERS_ONLY).orElse(false) && !forAnotherUser(event)) {
            return false;
        }
        List<String> expected = spec.strings("expectedNetworks");
        if (expected.isEmpty()) {
            return true;
        }
        Networks networks;
        try {
            networks = Networks.parse(expected);
        } catch (IllegalArgumentException e) {
            return true;
        }
        // A host name ("AWS Internal", a service's) is no network the rule can place: leave it out.
        return networks.contains(event.detail().sourceIpAddress()).map(inside -> !inside).orElse(false);
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        Networks.parse(spec.strings("expectedNetworks"));
        String which = spec.string("key").orElse("");
        String keyId;
        String owner;
        switch (which) {
            case USED -> {
                keyId = required(event.detail().userIdentity().accessKeyId(), "detail.userIdentity.accessKeyId");
                owner = callerUserName(event, keyId);
            }
            case CREATED -> {
                JsonNode created = event.detail().responseElements().path("accessKey");
                keyId = required(EventPrincipals.text(created, "accessKeyId"), "detail.responseElements.accessKey.accessKeyId");
                owner = Optional.ofNullable(EventPrincipals.text(created, "userName"))
                        .or(() -> Optional.ofNullable(EventPrincipals.text(event.detail().requestParameters(), "userName")))
                        .orElseGet(() -> callerUserName(event, keyId));
            }
            default -> throw new IllegalArgumentException("key: expected \"used\" or \"created\", found \"" + which + "\"");
        }
        if (keyId.startsWith("ASIA")) {
            throw new ActionRefusedException(keyId, keyId + " is a temporary session credential, which cannot be"
                    + " deactivated; revoke the role's sessions (iam.revoke-role-sessions) instead");
        }
        String change = "deactivate access key " + keyId + " of ";
        Optional<Principal> user = principals.find(Principal.user(owner));
        if (user.isEmpty()) {
            return new ActionPlan(NAME, "user/" + owner, owner, ResourceState.gone(), change + "user/" + owner);
        }
        claims.requireKeyOf(owner, keyId);
        if (CREATED.equals(which)) {
            claims.requireCreatedBy(owner, keyId, event.detail().eventTime());
        }
        String arn = user.get().arn();
        return new ActionPlan(NAME, arn, owner, state(owner, keyId), change + arn,
                new DeactivateAccessKeyUndo(owner, keyId));
    }

    @Override
    public void apply(ActionPlan plan) {
        update(plan.undo(DeactivateAccessKeyUndo.class), StatusType.INACTIVE);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        DeactivateAccessKeyUndo key = plan.undo(DeactivateAccessKeyUndo.class);
        return state(key.userName(), key.accessKeyId());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return principals.tags(Principal.user(plan.address()));
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public DeactivateAccessKeyUndo readUndo(JsonNode stored) {
        return DeactivateAccessKeyUndo.FORMAT.read(stored);
    }

    /** Activates the key again. */
    @Override
    public ResourceState undo(JsonNode stored) {
        DeactivateAccessKeyUndo key = readUndo(stored);
        update(key, StatusType.ACTIVE);
        return state(key.userName(), key.accessKeyId());
    }

    private void update(DeactivateAccessKeyUndo key, StatusType status) {
        iam.updateAccessKey(request -> request.userName(key.userName()).accessKeyId(key.accessKeyId()).status(status));
    }

    /** The key's status among its owner's keys; a key (or user) no longer there is gone. */
    private ResourceState state(String userName, String keyId) {
        Optional<AccessKeyMetadata> key = iam.listAccessKeysPaginator(request -> request.userName(userName))
                .accessKeyMetadata().stream()
                .filter(metadata -> keyId.equals(metadata.accessKeyId()))
                .findFirst();
        if (key.isEmpty()) {
            return ResourceState.gone();
        }
        String status = key.get().statusAsString();
        return new ResourceState(true, StatusType.INACTIVE.toString().equals(status),
                Map.of("accessKeyId", keyId, "status", status));
    }

    /** True when the call created a key for a user other than the IAM user who called. */
    private static boolean forAnotherUser(CloudTrailEvent event) {
        String owner = Optional.ofNullable(EventPrincipals.text(event.detail().responseElements().path("accessKey"), "userName"))
                .orElse(EventPrincipals.text(event.detail().requestParameters(), "userName"));
        return owner != null && !EventPrincipals.callerIsUser(event, owner);
    }

    /** The IAM user who made the call; a key of the root user or of no user is refused. */
    private static String callerUserName(CloudTrailEvent event, String keyId) {
        UserIdentity identity = event.detail().userIdentity();
        if ("Root".equals(identity.type())) {
            throw new ActionRefusedException(EventPrincipals.rootArn(event), "access key " + keyId
                    + " belongs to the account root user, which only the root user can deactivate: sign in as root"
                    + " (or use sts:AssumeRoot from the organization's management account) and deactivate it");
        }
        return EventPrincipals.caller(event).name();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException(field, "is missing; the access key is unknown");
        }
        return value;
    }
}
