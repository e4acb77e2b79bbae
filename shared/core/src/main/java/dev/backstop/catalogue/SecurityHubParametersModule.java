package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/** The parameters rules may give the Security Hub actions: none, the standards come from the call. */
@Module
public final class SecurityHubParametersModule {

    private SecurityHubParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("securityhub.enable-standards")
    static List<ParamSpec> enableStandardsParameters() {
        return List.of();
    }
}
