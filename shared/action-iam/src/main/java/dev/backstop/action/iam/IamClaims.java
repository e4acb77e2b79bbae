package dev.backstop.action.iam;

import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.AwsErrors;
import dev.backstop.event.CloudTrailEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * What an IAM event claims, checked against IAM as it is now before an action acts on it, so a
 * forged event cannot steer an action onto a principal the claim is not true of: the policy it
 * says was attached is attached, the key it names is that user's and (for a key it says was just
 * created) was created then, the user it says signed in without MFA has none. A claim that does not
 * hold is refused ({@link ActionRefusedException}), which the audit record and the notification
 * say as such.
 */
final class IamClaims {

    /** How far a key's creation may be from the CreateAccessKey call that reports it: clocks and delivery. */
    static final Duration CREATED_WITHIN = Duration.ofMinutes(5);

    private final IamClient iam;

    @Inject
    IamClaims(IamClient iam) {
        this.iam = iam;
    }

    /**
     * For an AttachUserPolicy, AttachRolePolicy or AttachGroupPolicy event: the managed policy the
     * request names is attached to the user, role or group it names. Other events claim no attachment.
     */
    void requireAttached(CloudTrailEvent event) {
        String call = event.detail().baseEventName();
        var request = event.detail().requestParameters();
        String policyArn = EventPrincipals.text(request, "policyArn");
        if (!call.startsWith("Attach") || !call.endsWith("Policy") || policyArn == null) {
            return;
        }
        String kind = call.substring("Attach".length(), call.length() - "Policy".length()).toLowerCase(Locale.ROOT);
        String name = EventPrincipals.text(request, kind + "Name");
        if (name == null) {
            return;
        }
        List<AttachedPolicy> attached;
        try {
            attached = switch (kind) {
                case "user" -> iam.listAttachedUserPoliciesPaginator(r -> r.userName(name)).attachedPolicies()
                        .stream().toList();
                case "role" -> iam.listAttachedRolePoliciesPaginator(r -> r.roleName(name)).attachedPolicies()
                        .stream().toList();
                case "group" -> iam.listAttachedGroupPoliciesPaginator(r -> r.groupName(name)).attachedPolicies()
                        .stream().toList();
                default -> null;
            };
        } catch (NoSuchEntityException gone) {
            throw new ActionRefusedException(kind + "/" + name, "the event says " + policyArn + " was attached to "
                    + kind + " " + name + ", but IAM has no " + kind + " " + name + ": the claim cannot be confirmed");
        }
        if (attached != null && attached.stream().noneMatch(policy -> policyArn.equals(policy.policyArn()))) {
            throw new ActionRefusedException(kind + "/" + name, "the event says " + policyArn + " was attached to "
                    + kind + " " + name + ", but it is not attached now: nothing to contain (a forged event, or"
                    + " detached since)");
        }
    }

    /**
     * The key is one of the user's, as IAM lists them. A key of another user is refused naming its
     * owner; a key IAM no longer knows is left to the action, which reads it as gone.
     */
    void requireKeyOf(String userName, String keyId) {
        if (keyOf(userName, keyId).isPresent()) {
            return;
        }
        Optional<String> owner = owner(keyId);
        if (owner.isPresent() && !owner.get().equals(userName)) {
            throw new ActionRefusedException("user/" + userName, "access key " + keyId + " belongs to user "
                    + owner.get() + ", not to " + userName + " as the event says: the event does not describe this key");
        }
    }

    /** A key a CreateAccessKey event says it created was created then, not long before. */
    void requireCreatedBy(String userName, String keyId, Instant callTime) {
        Optional<AccessKeyMetadata> key = keyOf(userName, keyId);
        if (key.isEmpty() || key.get().createDate() == null) {
            return;
        }
        Instant created = key.get().createDate();
        if (Duration.between(created, callTime).abs().compareTo(CREATED_WITHIN) > 0) {
            throw new ActionRefusedException("user/" + userName, "access key " + keyId + " of " + userName
                    + " was created at " + created + ", not by the call at " + callTime
                    + " the event reports: the event does not describe this key");
        }
    }

    /** The user has no MFA device: with one, IAM asks for it at every console sign-in. */
    void requireNoMfa(String userName) {
        List<MFADevice> devices;
        try {
            devices = iam.listMFADevicesPaginator(r -> r.userName(userName)).mfaDevices().stream().toList();
        } catch (NoSuchEntityException gone) {
            return;
        }
        if (!devices.isEmpty()) {
            throw new ActionRefusedException("user/" + userName, "user " + userName + " has an MFA device ("
                    + devices.get(0).serialNumber() + "), so IAM asks for it at every console sign-in: the event's"
                    + " sign-in without MFA does not describe this user");
        }
    }

    private Optional<AccessKeyMetadata> keyOf(String userName, String keyId) {
        try {
            return iam.listAccessKeysPaginator(r -> r.userName(userName)).accessKeyMetadata().stream()
                    .filter(key -> keyId.equals(key.accessKeyId())).findFirst();
        } catch (NoSuchEntityException gone) {
            return Optional.empty();
        }
    }

    /** The user a key belongs to, if IAM will say (it answers an unknown key with an error). */
    private Optional<String> owner(String keyId) {
        try {
            return Optional.ofNullable(iam.getAccessKeyLastUsed(r -> r.accessKeyId(keyId)).userName());
        } catch (IamException unknownKey) {
            if (AwsErrors.isTransient(unknownKey)) {
                throw unknownKey;
            }
            return Optional.empty();
        }
    }
}
