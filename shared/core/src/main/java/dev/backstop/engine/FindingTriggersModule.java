package dev.backstop.engine;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dev.backstop.event.FindingEvent;

/**
 * Lets the engine decide GuardDuty and Security Hub findings: for the graph of the function that
 * receives them, which binds a {@code FindingWorkflow} too (the Security Hub actions' module).
 */
@Module
public abstract class FindingTriggersModule {

    private FindingTriggersModule() {
    }

    @Binds
    @IntoMap
    @ClassKey(FindingEvent.class)
    abstract TriggerSteps<?> findings(FindingSteps steps);
}
