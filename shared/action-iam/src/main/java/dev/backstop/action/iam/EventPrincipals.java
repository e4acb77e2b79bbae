package dev.backstop.action.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.UserIdentity;

/** Who an IAM event is about: the caller, or the user or role its request names. */
final class EventPrincipals {

    static final String CALLER = "caller";
    static final String TARGET = "target";

    private EventPrincipals() {
    }

    /** {@code caller} or {@code target}, as a rule's parameter says; anything else is a rule mistake. */
    static Principal choose(String which, CloudTrailEvent event) {
        return switch (which) {
            case CALLER -> caller(event);
            case TARGET -> target(event);
            default -> throw new IllegalArgumentException("expected \"caller\" or \"target\", found \"" + which + "\"");
        };
    }

    /** The IAM user who called, or the role whose session called. */
    static Principal caller(CloudTrailEvent event) {
        UserIdentity identity = event.detail().userIdentity();
        switch (identity.type()) {
            case "IAMUser" -> {
                String name = identity.userName() != null ? identity.userName() : lastSegment(identity.arn());
                if (name == null) {
                    throw new MalformedEventException("detail.userIdentity.userName", "is missing for an IAMUser caller");
                }
                return Principal.user(name);
            }
            case "AssumedRole" -> {
                if (identity.sessionIssuer() == null || !"Role".equals(identity.sessionIssuer().type())) {
                    throw new MalformedEventException("detail.userIdentity.sessionContext.sessionIssuer",
                            "is missing: the role behind the session is unknown");
                }
                String name = identity.sessionIssuer().userName() != null ? identity.sessionIssuer().userName()
                        : lastSegment(identity.sessionIssuer().arn());
                return Principal.role(name);
            }
            case "Root" -> throw new ActionRefusedException(rootArn(event),
                    "the caller is the account root user, which IAM policies cannot restrict");
            default -> throw new ActionRefusedException(identity.displayName(),
                    "the caller (" + identity.type() + ") is neither an IAM user nor a role");
        }
    }

    /** The user or role the request names ({@code userName} or {@code roleName}). */
    static Principal target(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        String user = text(request, "userName");
        if (user != null) {
            return Principal.user(user);
        }
        String role = text(request, "roleName");
        if (role != null) {
            return Principal.role(role);
        }
        String group = text(request, "groupName");
        if (group != null) {
            throw new ActionRefusedException("group/" + group,
                    "the request names a group; only a user or a role can be acted on (use the caller instead)");
        }
        throw new MalformedEventException("detail.requestParameters.userName", "is missing, and so is roleName");
    }

    /**
     * True when the IAM user who made the call is the one named: a user changing their own
     * credentials. A role's session, the root user or a service acting is never the user.
     */
    static boolean callerIsUser(CloudTrailEvent event, String userName) {
        UserIdentity identity = event.detail().userIdentity();
        if (!"IAMUser".equals(identity.type()) || userName == null) {
            return false;
        }
        String caller = identity.userName() != null ? identity.userName() : lastSegment(identity.arn());
        return userName.equals(caller);
    }

    static String rootArn(CloudTrailEvent event) {
        return "arn:aws:iam::" + event.account() + ":root";
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.asText().isBlank() ? null : value.asText();
    }

    private static String lastSegment(String arn) {
        return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
    }
}
