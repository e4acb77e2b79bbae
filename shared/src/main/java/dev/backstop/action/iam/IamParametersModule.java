package dev.backstop.action.iam;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/**
 * The parameters rules may give each IAM action. Data only, no action and no client, so every
 * function and {@code ./backstop validate} can check rule files for the whole catalogue.
 */
@Module
public final class IamParametersModule {

    private IamParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey(DeactivateAccessKeyAction.NAME)
    static List<ParamSpec> deactivateAccessKeyParameters() {
        return DeactivateAccessKeyAction.PARAMETERS;
    }

    @Provides
    @IntoMap
    @StringKey(QuarantinePrincipalAction.NAME)
    static List<ParamSpec> quarantinePrincipalParameters() {
        return QuarantinePrincipalAction.PARAMETERS;
    }

    @Provides
    @IntoMap
    @StringKey(RevokeRoleSessionsAction.NAME)
    static List<ParamSpec> revokeRoleSessionsParameters() {
        return RevokeRoleSessionsAction.PARAMETERS;
    }

    @Provides
    @IntoMap
    @StringKey(DisableConsoleAccessAction.NAME)
    static List<ParamSpec> disableConsoleAccessParameters() {
        return DisableConsoleAccessAction.PARAMETERS;
    }
}
