package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/**
 * The parameters rules may give the IAM Roles Anywhere action: none. Declared here, in a class
 * that touches no SDK type, for every function's check of the whole rule pack.
 */
@Module
public final class RolesAnywhereParametersModule {

    private RolesAnywhereParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("rolesanywhere.disable-trust-anchor")
    static List<ParamSpec> disableTrustAnchorParameters() {
        return List.of();
    }
}
