package dev.backstop.action.resolver;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.ResolverParametersModule;

/**
 * Binds the Route 53 Resolver action into the catalogue by name, with its parameters
 * ({@link ResolverParametersModule}). Its API comes from {@link ResolverClientModule}.
 */
@Module(includes = ResolverParametersModule.class)
public abstract class ResolverActionsModule {

    private ResolverActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(AssociateQueryLoggingAction.NAME)
    abstract RemediationAction associateQueryLogging(AssociateQueryLoggingAction action);
}
