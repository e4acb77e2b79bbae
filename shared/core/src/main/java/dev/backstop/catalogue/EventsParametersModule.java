package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/** The parameters rules may give the EventBridge actions, for checking rule files everywhere. */
@Module
public final class EventsParametersModule {

    private EventsParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("events.enable-rule")
    static List<ParamSpec> enableRuleParameters() {
        return List.of(); // none: the rule is the one the call named, if it is Backstop's own
    }
}
