package dev.backstop.action.selfwatch;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.SelfWatchParametersModule;
import dev.backstop.config.OwnResources;

/**
 * Binds the self-watch actions that need no client of their own: {@code selfwatch.notify}, and
 * {@code scheduler.restore-deferral-schedule}, which uses the core's audit table and one-time
 * schedules (the clients every deciding function has).
 */
@Module(includes = SelfWatchParametersModule.class)
public abstract class SelfWatchActionsModule {

    private SelfWatchActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(NotifyOwnChangeAction.NAME)
    abstract RemediationAction notifyOwnChange(NotifyOwnChangeAction action);

    @Binds
    @IntoMap
    @StringKey(RestoreDeferralScheduleAction.NAME)
    abstract RemediationAction restoreDeferralSchedule(RestoreDeferralScheduleAction action);

    /** Backstop's own resources; a graph without them has none to tell about. */
    @BindsOptionalOf
    abstract OwnResources ownResources();
}
