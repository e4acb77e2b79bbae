package dev.backstop.action.iam;

import dev.backstop.catalogue.IamParametersModule;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dagger.multibindings.StringKey;
import dev.backstop.action.EventObserver;
import dev.backstop.action.RemediationAction;

/**
 * Binds the IAM credential and trust actions into the catalogue by name, beside them the parameters
 * rules may give each, and the recorder of the trust policy history iam.restore-trust-policy
 * restores from into the engine's observers. IAM is global: its events reach EventBridge in us-east-1 only, where the
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

    @Binds
    @IntoMap
    @StringKey(RevokeUserSessionsAction.NAME)
    abstract RemediationAction revokeUserSessions(RevokeUserSessionsAction action);

    @Binds
    @IntoMap
    @StringKey(RestoreTrustPolicyAction.NAME)
    abstract RemediationAction restoreTrustPolicy(RestoreTrustPolicyAction action);

    @Binds
    @IntoSet
    abstract EventObserver trustPolicies(TrustPolicyRecorder recorder);
}
