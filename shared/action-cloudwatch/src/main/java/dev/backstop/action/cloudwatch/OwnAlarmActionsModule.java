package dev.backstop.action.cloudwatch;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.CloudWatchParametersModule;
import dev.backstop.config.OwnResources;

/**
 * Binds {@code cloudwatch.enable-alarm-actions}, the self-watch action on Backstop's own alarms,
 * apart from {@link CloudWatchActionsModule}: the alarm function answers alarms and never calls
 * CloudWatch, so its graph has no CloudWatch client. The client comes from {@link CloudWatchClientModule}.
 */
@Module(includes = CloudWatchParametersModule.class)
public abstract class OwnAlarmActionsModule {

    private OwnAlarmActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(EnableAlarmActionsAction.NAME)
    abstract RemediationAction enableAlarmActions(EnableAlarmActionsAction action);

    /** Backstop's own resources, which the self-watch actions guard; a graph without them guards none. */
    @BindsOptionalOf
    abstract OwnResources ownResources();
}
