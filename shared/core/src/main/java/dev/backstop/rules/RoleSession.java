package dev.backstop.rules;

import dev.backstop.config.MemberAccess;
import dev.backstop.event.SessionIssuer;
import dev.backstop.event.UserIdentity;
import java.util.List;
import java.util.Objects;

/**
 * One exact session of one role: a caller is it only when CloudTrail says every part of it, the
 * identity type ({@code AssumedRole}), the issuer (the role's ARN in the account, with no path),
 * the session name, and the session's own ARN that joins them. Backstop's own member-role sessions
 * are recognised this way, never by a pattern, so no principal can be named into looking like one.
 *
 * <pre>{@code
 * new RoleSession("111122223333", "BackstopRemediation", "backstop-remediation").matches(identity)
 * }</pre>
 */
public record RoleSession(String account, String roleName, String sessionName) {

    public RoleSession {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(sessionName, "sessionName");
    }

    /** Backstop's own sessions in the member accounts: the member role assumed with {@link MemberAccess#SESSION_NAME}. */
    public static List<RoleSession> ofMembers(MemberAccess access) {
        return access.allowedAccounts().stream().sorted()
                .map(account -> new RoleSession(account, access.roleName().orElseThrow(), MemberAccess.SESSION_NAME))
                .toList();
    }

    public boolean matches(UserIdentity caller) {
        SessionIssuer issuer = caller.sessionIssuer();
        if (!"AssumedRole".equals(caller.type()) || issuer == null || caller.arn() == null || issuer.arn() == null
                || !"Role".equals(issuer.type())) {
            return false;
        }
        if (caller.accountId() != null && !account.equals(caller.accountId())) {
            return false;
        }
        String[] session = caller.arn().split(":", ArnGlob.ARN_PARTS);
        String[] role = issuer.arn().split(":", ArnGlob.ARN_PARTS);
        return session.length == ArnGlob.ARN_PARTS && role.length == ArnGlob.ARN_PARTS
                && session[0].equals("arn") && role[0].equals("arn") && session[1].equals(role[1])
                && session[2].equals("sts") && role[2].equals("iam")
                && session[3].isEmpty() && role[3].isEmpty()
                && session[4].equals(account) && role[4].equals(account)
                && session[5].equals("assumed-role/" + roleName + "/" + sessionName)
                && role[5].equals("role/" + roleName);
    }

    @Override
    public String toString() {
        return "session " + sessionName + " of role " + roleName + " in account " + account;
    }
}
