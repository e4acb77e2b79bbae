package dev.backstop.action.rolesanywhere;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.RolesAnywhereParametersModule;

/**
 * Binds the IAM Roles Anywhere action into the catalogue by name, with its parameters
 * ({@link RolesAnywhereParametersModule}). The client comes from {@link RolesAnywhereClientModule}
 * in production and from a fake in unit tests.
 */
@Module(includes = RolesAnywhereParametersModule.class)
public abstract class RolesAnywhereActionsModule {

    private RolesAnywhereActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(DisableTrustAnchorAction.NAME)
    abstract RemediationAction disableTrustAnchor(DisableTrustAnchorAction action);
}
