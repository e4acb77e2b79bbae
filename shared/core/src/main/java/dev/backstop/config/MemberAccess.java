package dev.backstop.config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whose events Backstop acts on, and how it reaches the member accounts among them.
 *
 * <p>A deployment names its home account (the one the functions run in) and an allowlist of
 * member accounts whose CloudTrail events arrive on its event bus. Events from any other account
 * are rejected, never acted on. In a member account Backstop acts through the member role
 * ({@code arn:PARTITION:iam::ACCOUNT:role/ROLE}), assumed with the session name
 * {@value #SESSION_NAME} and the external id, if one is set.
 *
 * <p>Without a home account (the command line and tests, which run in one account) every event
 * is decided with the caller's own credentials, as if it came from the home account.
 *
 * @param homeAccount the functions' own account ({@code BACKSTOP_HOME_ACCOUNT}), always allowed
 * @param allowedAccounts the member accounts ({@code BACKSTOP_ALLOWED_ACCOUNTS}, comma-separated)
 * @param roleName the role to assume in a member account ({@code BACKSTOP_MEMBER_ROLE_NAME})
 * @param externalId the external id the member role's trust policy asks for
 *     ({@code BACKSTOP_MEMBER_EXTERNAL_ID}, optional)
 * @param sessionName the session name the member role is assumed with: {@value #SESSION_NAME} for
 *     the functions, {@code backstop-operator-<user>} for an operator's command ({@link #operator})
 */
public record MemberAccess(Optional<String> homeAccount, Set<String> allowedAccounts, Optional<String> roleName,
        Optional<String> externalId, String sessionName) {

    public static final String HOME_ACCOUNT = "BACKSTOP_HOME_ACCOUNT";
    public static final String ALLOWED_ACCOUNTS = "BACKSTOP_ALLOWED_ACCOUNTS";
    public static final String ROLE_NAME = "BACKSTOP_MEMBER_ROLE_NAME";
    public static final String EXTERNAL_ID = "BACKSTOP_MEMBER_EXTERNAL_ID";
    /** The session name Backstop's functions give every member-role session: its own calls carry it in CloudTrail. */
    public static final String SESSION_NAME = "backstop-remediation";
    /**
     * How an operator's session name starts: its calls (an undo) are the operator's, decided like
     * anyone's, never taken for Backstop's own. The member role's trust policy lets the operator
     * roles assume it only with such a name, and the functions only with {@value #SESSION_NAME}.
     */
    public static final String OPERATOR_SESSION_PREFIX = "backstop-operator-";
    // IAM's limit on a role session name.
    private static final int SESSION_NAME_LIMIT = 64;
    private static final Pattern SESSION_NAME_SYNTAX = Pattern.compile("[\\w+=,.@-]{2,64}");

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    // IAM's own character sets and lengths for role names and external ids.
    private static final Pattern ROLE_NAME_SYNTAX = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern EXTERNAL_ID_SYNTAX = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    public MemberAccess {
        Objects.requireNonNull(homeAccount, "homeAccount");
        if (sessionName == null || !SESSION_NAME_SYNTAX.matcher(sessionName).matches()) {
            throw new SettingsException("not a role session name: \"" + sessionName + "\"");
        }
        allowedAccounts = Set.copyOf(allowedAccounts);
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(externalId, "externalId");
        if (!allowedAccounts.isEmpty() && (homeAccount.isEmpty() || roleName.isEmpty())) {
            throw new SettingsException(ALLOWED_ACCOUNTS + " names member accounts, so " + HOME_ACCOUNT + " and "
                    + ROLE_NAME + " must be set too");
        }
    }

    /** The functions' access, with Backstop's own session name. */
    public MemberAccess(Optional<String> homeAccount, Set<String> allowedAccounts, Optional<String> roleName,
            Optional<String> externalId) {
        this(homeAccount, allowedAccounts, roleName, externalId, SESSION_NAME);
    }

    /** One account, no allowlist: the command line and tests. */
    public static MemberAccess singleAccount() {
        return new MemberAccess(Optional.empty(), Set.of(), Optional.empty(), Optional.empty());
    }

    /**
     * The same access for an operator's command: the member role assumed with a session name of
     * the operator's own ({@value #OPERATOR_SESSION_PREFIX}{@code <user>}, the user name cut to what
     * IAM allows), so the calls it makes are never taken for Backstop's own.
     */
    public MemberAccess operator(String user) {
        String name = OPERATOR_SESSION_PREFIX + user.replaceAll("[^\\w+=,.@-]", "-");
        return new MemberAccess(homeAccount, allowedAccounts, roleName, externalId,
                name.substring(0, Math.min(name.length(), SESSION_NAME_LIMIT)));
    }

    /** The home account alone, or with members: what a deployment passes in its environment. */
    public static MemberAccess fromEnvironment(Map<String, String> env) {
        Optional<String> home = optional(env, HOME_ACCOUNT).map(account -> account(HOME_ACCOUNT, account));
        Set<String> allowed = new LinkedHashSet<>();
        for (String item : Arrays.asList(env.getOrDefault(ALLOWED_ACCOUNTS, "").split(","))) {
            if (!item.isBlank()) {
                allowed.add(account(ALLOWED_ACCOUNTS, item.trim()));
            }
        }
        home.ifPresent(allowed::remove);
        Optional<String> role = optional(env, ROLE_NAME);
        role.filter(name -> !ROLE_NAME_SYNTAX.matcher(name).matches()).ifPresent(name -> {
            throw new SettingsException(ROLE_NAME + ": not an IAM role name: \"" + name + "\"");
        });
        Optional<String> externalId = optional(env, EXTERNAL_ID);
        externalId.filter(id -> !EXTERNAL_ID_SYNTAX.matcher(id).matches()).ifPresent(id -> {
            throw new SettingsException(EXTERNAL_ID + ": 2 to 1224 letters, digits or +=,.@:/- expected");
        });
        return new MemberAccess(home, allowed, role, externalId);
    }

    /** True for the home account, an allowed member, or any account when no home account is set. */
    public boolean allows(String account) {
        return homeAccount.isEmpty() || homeAccount.get().equals(account) || isMember(account);
    }

    /** True for an allowed account that is not the home account: Backstop acts there through the member role. */
    public boolean isMember(String account) {
        return account != null && allowedAccounts.contains(account);
    }

    /** The member role in an account. */
    public String roleArn(String partition, String account) {
        return "arn:" + partition + ":iam::" + account + ":role/" + roleName.orElseThrow(
                () -> new IllegalStateException(ROLE_NAME + " is not set"));
    }

    private static String account(String variable, String value) {
        if (!ACCOUNT.matcher(value).matches()) {
            throw new SettingsException(variable + ": expected a 12-digit account id, found \"" + value + "\"");
        }
        return value;
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "").trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
