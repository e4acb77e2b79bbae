package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/** The parameters rules may give the Route 53 Resolver action: none, the configuration and VPC come from the call. */
@Module
public final class ResolverParametersModule {

    private ResolverParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("resolver.associate-query-logging")
    static List<ParamSpec> associateQueryLoggingParameters() {
        return List.of();
    }
}
