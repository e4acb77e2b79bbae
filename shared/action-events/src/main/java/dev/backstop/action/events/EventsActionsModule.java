package dev.backstop.action.events;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.EventsParametersModule;
import dev.backstop.config.OwnResources;

/** Binds the EventBridge actions into the catalogue by name; the client comes from {@link EventsClientModule}. */
@Module(includes = EventsParametersModule.class)
public abstract class EventsActionsModule {

    private EventsActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(EnableRuleAction.NAME)
    abstract RemediationAction enableRule(EnableRuleAction action);

    /** Backstop's own resources, which the self-watch actions guard; a graph without them guards none. */
    @BindsOptionalOf
    abstract OwnResources ownResources();
}
