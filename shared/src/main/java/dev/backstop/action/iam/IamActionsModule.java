package dev.backstop.action.iam;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.rules.ParamSpec;
import java.util.List;
import java.util.Map;

/**
 * Binds the IAM credential actions into the catalogue by name. IAM is global: its events reach
 * EventBridge in us-east-1 only, where the template deploys the function that runs them.
 */
@Module
public abstract class IamActionsModule {

    /** Each action's parameters by catalogue name, for checking rule files without an IAM client. */
    public static final Map<String, List<ParamSpec>> PARAMETERS = Map.of(
            DeactivateAccessKeyAction.NAME, DeactivateAccessKeyAction.PARAMETERS,
            QuarantinePrincipalAction.NAME, QuarantinePrincipalAction.PARAMETERS,
            RevokeRoleSessionsAction.NAME, RevokeRoleSessionsAction.PARAMETERS,
            DisableConsoleAccessAction.NAME, DisableConsoleAccessAction.PARAMETERS);

    private IamActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(DeactivateAccessKeyAction.NAME)
    abstract RemediationAction deactivateAccessKey(DeactivateAccessKeyAction action);

    @Binds
    @IntoMap
    @StringKey(QuarantinePrincipalAction.NAME)
    abstract RemediationAction quarantinePrincipal(QuarantinePrincipalAction action);

    @Binds
    @IntoMap
    @StringKey(RevokeRoleSessionsAction.NAME)
    abstract RemediationAction revokeRoleSessions(RevokeRoleSessionsAction action);

    @Binds
    @IntoMap
    @StringKey(DisableConsoleAccessAction.NAME)
    abstract RemediationAction disableConsoleAccess(DisableConsoleAccessAction action);
}
