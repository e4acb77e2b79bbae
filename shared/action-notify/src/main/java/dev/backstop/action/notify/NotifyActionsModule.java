package dev.backstop.action.notify;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.NotifyParametersModule;

/** Binds {@code notify.send}, which needs no SDK client: any function whose rules only inform includes it. */
@Module(includes = NotifyParametersModule.class)
public abstract class NotifyActionsModule {

    private NotifyActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(SendNotificationAction.NAME)
    abstract RemediationAction send(SendNotificationAction action);
}
