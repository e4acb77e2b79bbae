package dev.backstop.engine;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dev.backstop.event.AlarmEvent;

/**
 * Lets the engine decide CloudWatch alarms: for the graphs of the functions that receive them,
 * which bind a {@code ChangeLookup} too ({@code CorrelateModule}).
 */
@Module
public abstract class AlarmTriggersModule {

    private AlarmTriggersModule() {
    }

    @Binds
    @IntoMap
    @ClassKey(AlarmEvent.class)
    abstract TriggerSteps<?> alarms(AlarmSteps steps);
}
