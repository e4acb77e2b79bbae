package dev.backstop.action.config;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.ConfigParametersModule;

/**
 * Binds the AWS Config actions into the catalogue by name, with their parameters
 * ({@link ConfigParametersModule}). Their API comes from {@link ConfigClientModule}.
 */
@Module(includes = ConfigParametersModule.class)
public abstract class ConfigActionsModule {

    private ConfigActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(StartRecorderAction.NAME)
    abstract RemediationAction startRecorder(StartRecorderAction action);
}
