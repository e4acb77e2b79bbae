package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamChecks;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import dev.backstop.text.Shown;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parameters rules may give each IAM action. Data only, no action and no client, so every
 * function and {@code ./backstop validate} can check rule files for the whole catalogue.
 * Declared here, not on the actions: functions without the IAM SDK load this class too, and
 * cannot initialise an action class that names IAM's exceptions (DisableConsoleAccessAction
 * catches NoSuchEntityException).
 */
@Module
public final class IamParametersModule {

    public static final List<ParamSpec> DEACTIVATE_ACCESS_KEY = List.of(
            new ParamSpec("key", ParamType.STRING, true,
                    "used: the key that signed the call; created: the key the call created (CreateAccessKey)")
                    .withCheck(ParamChecks.oneOf("used", "created")),
            new ParamSpec("expectedNetworks", ParamType.STRING_LIST, false,
                    "CIDR networks (IPv4, IPv6) calls are expected from: a call from inside one is no match")
                    .withCheck(value -> Cidr.read((String) value).isPresent() ? Optional.empty()
                            : Optional.of(Shown.quoted((String) value)
                                    + " is not a network in CIDR notation (203.0.113.0/24, 2001:db8::/32)")),
            new ParamSpec("otherUsersOnly", ParamType.BOOLEAN, false,
                    "true: a key an IAM user created for itself is no match, only one created for another user"
                            + " (default false)"));

    public static final List<ParamSpec> QUARANTINE_PRINCIPAL = List.of(
            new ParamSpec("principal", ParamType.STRING, false,
                    "target (default): the user or role the request names; caller: the user, or the role of the"
                            + " session, that made the call")
                    .withCheck(ParamChecks.oneOf("target", "caller")),
            new ParamSpec("policyName", ParamType.STRING, false, "the inline policy's name (default BackstopQuarantine)")
                    .withCheck(ParamChecks.matching(Pattern.compile("[\\w+=,.@-]{1,128}"),
                            "an IAM policy name (1-128 letters, digits and +=,.@_-)")));

    public static final List<ParamSpec> REVOKE_ROLE_SESSIONS = List.of(new ParamSpec("role", ParamType.STRING, false,
            "caller (default): the role whose session made the call; target: the role the request names."
                    + " For a finding, the role whose session credentials it names, whatever this says")
            .withCheck(ParamChecks.oneOf("caller", "target")));

    public static final List<ParamSpec> DISABLE_CONSOLE_ACCESS = List.of(new ParamSpec("user", ParamType.STRING, false,
            "caller (default): the user who made the call or signed in; target: the user the request names")
            .withCheck(ParamChecks.oneOf("caller", "target")),
            new ParamSpec("otherUsersOnly", ParamType.BOOLEAN, false,
                    "true: a call by the IAM user the request names (its own password) is no match (default false)"));

    public static final List<ParamSpec> REVOKE_USER_SESSIONS = List.of(new ParamSpec("user", ParamType.STRING, false,
            "caller (default): the IAM user who made the call; target: the user the request names")
            .withCheck(ParamChecks.oneOf("caller", "target")));

    /** None: whom a role may trust is the deployment's trusted set. */
    public static final List<ParamSpec> RESTORE_TRUST_POLICY = List.of();

    private IamParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("iam.deactivate-access-key")
    static List<ParamSpec> deactivateAccessKeyParameters() {
        return DEACTIVATE_ACCESS_KEY;
    }

    @Provides
    @IntoMap
    @StringKey("iam.quarantine-principal")
    static List<ParamSpec> quarantinePrincipalParameters() {
        return QUARANTINE_PRINCIPAL;
    }

    @Provides
    @IntoMap
    @StringKey("iam.revoke-role-sessions")
    static List<ParamSpec> revokeRoleSessionsParameters() {
        return REVOKE_ROLE_SESSIONS;
    }

    @Provides
    @IntoMap
    @StringKey("iam.disable-console-access")
    static List<ParamSpec> disableConsoleAccessParameters() {
        return DISABLE_CONSOLE_ACCESS;
    }

    @Provides
    @IntoMap
    @StringKey("iam.revoke-user-sessions")
    static List<ParamSpec> revokeUserSessionsParameters() {
        return REVOKE_USER_SESSIONS;
    }

    @Provides
    @IntoMap
    @StringKey("iam.restore-trust-policy")
    static List<ParamSpec> restoreTrustPolicyParameters() {
        return RESTORE_TRUST_POLICY;
    }
}
