package dev.backstop.action.iam;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Takes a user's console access away by deleting the login profile (the console password); access
 * keys are left alone. The state before is recorded: whether a profile existed, its creation date
 * and whether a password reset was pending.
 *
 * <p>For a sign-in the event says was made without MFA, the user must have no MFA device
 * ({@link IamClaims}): with one, IAM asks for it at every sign-in, so the event is not about this user.
 *
 * <p>It cannot be undone by Backstop, and says so before an undo runs ({@link #undoable()} is
 * false): IAM never reveals a password, so the old one is gone for good. Re-creating a profile with
 * a random password would not give the user the console back either (nobody knows that password,
 * and showing it to the operator would put a credential in a terminal and the audit trail), and
 * its read-back could never match the state before. The undo data names the call an administrator
 * makes instead: {@code CreateLoginProfile} with a new password and {@code PasswordResetRequired}.
 */
final class DisableConsoleAccessAction implements RemediationAction {

    static final String NAME = "iam.disable-console-access";
    static final String OTHER_USERS_ONLY = "otherUsersOnly";

    private final IamClient iam;
    private final Principals principals;
    private final IamClaims claims;

    @Inject
    DisableConsoleAccessAction(IamClient iam, Principals principals, IamClaims claims) {
        this.iam = iam;
        this.principals = principals;
        this.claims = claims;
    }


    /** With {@code otherUsersOnly}, false for a user's own console password (the named user made the call). */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            return false;
        }
        if (!spec.bool(OTHER_USERS_ONLY).orElse(false)) {
            return true;
        }
        String target = EventPrincipals.text(event.detail().requestParameters(), "userName");
        return target != null && !EventPrincipals.callerIsUser(event, target);
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        Principal named = EventPrincipals.choose(spec.string("user").orElse(EventPrincipals.CALLER), event);
        if (named.kind() != Principal.Kind.USER) {
            throw new ActionRefusedException(named.path(), "only an IAM user has a console password, and "
                    + named.path() + " is a role");
        }
        Optional<Principal> found = principals.find(named);
        if (found.isEmpty()) {
            return new ActionPlan(NAME, named.path(), named.name(), ResourceState.gone(),
                    "delete the login profile of " + named.path());
        }
        Principal user = found.get();
        if ("No".equals(event.tree().at("/detail/additionalEventData/MFAUsed").asText(null))) {
            claims.requireNoMfa(user.name());
        }
        return new ActionPlan(NAME, user.arn(), user.name(), state(user.name()),
                "delete the login profile (console password) of " + user.arn(), new DisableConsoleAccessUndo(user.name(), true,
                        "the old password cannot be restored: an administrator sets a new one"
                                + " (aws iam create-login-profile --user-name " + user.name()
                                + " --password ... --password-reset-required)"));
    }

    @Override
    public void apply(ActionPlan plan) {
        try {
            iam.deleteLoginProfile(request -> request.userName(plan.address()));
        } catch (NoSuchEntityException alreadyGone) {
            // deleted in the meantime: the read-back shows it
        }
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(plan.address());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return principals.tags(Principal.user(plan.address()));
    }

    /** False: a deleted password cannot come back (see the class comment). */
    @Override
    public boolean undoable() {
        return false;
    }

    private ResourceState state(String userName) {
        try {
            LoginProfile profile = iam.getLoginProfile(request -> request.userName(userName)).loginProfile();
            return new ResourceState(true, false, Map.of(
                    "loginProfile", "present",
                    "passwordResetRequired", String.valueOf(Boolean.TRUE.equals(profile.passwordResetRequired())),
                    "createDate", String.valueOf(profile.createDate())));
        } catch (NoSuchEntityException absent) {
            return new ResourceState(true, true, Map.of("loginProfile", "absent"));
        }
    }
}
