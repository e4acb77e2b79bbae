package dev.backstop.action.iam;

import dev.backstop.catalogue.IamParametersModule;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;

/**
 * Binds the IAM credential actions into the catalogue by name, and beside them the parameters
 * rules may give each. IAM is global: its events reach EventBridge in us-east-1 only, where the
 * template deploys the function that runs them. The actions' client comes from
 * {@link IamClientModule} in production and from a fake in unit tests.
 */
@Module(includes = IamParametersModule.class)
public abstract class IamActionsModule {

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
