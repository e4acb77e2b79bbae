package dev.backstop.action.cloudwatch;

import dev.backstop.catalogue.CloudWatchParametersModule;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;

/** Binds the alarm-only actions that need no SDK client of their own ({@code cloudwatch.notify}). */
@Module(includes = CloudWatchParametersModule.class)
public abstract class CloudWatchActionsModule {

    private CloudWatchActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(NotifyAction.NAME)
    abstract RemediationAction notifyTeam(NotifyAction action);
}
