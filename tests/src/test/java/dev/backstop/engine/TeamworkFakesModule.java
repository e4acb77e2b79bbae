package dev.backstop.engine;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.StackLookup;
import dev.backstop.testing.FakeScheduler;
import javax.inject.Singleton;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** Scheduler at the SDK edge and the stack lookup at its interface, one of each per graph, for engine tests. */
@Module
final class TeamworkFakesModule {

    private TeamworkFakesModule() {
    }

    @Provides
    @Singleton
    static FakeScheduler fakeScheduler() {
        return new FakeScheduler();
    }

    @Provides
    static SchedulerClient scheduler(FakeScheduler scheduler) {
        return scheduler;
    }

    @Provides
    @Singleton
    static FakeStacks fakeStacks() {
        return new FakeStacks();
    }

    @Provides
    static StackLookup stacks(FakeStacks stacks) {
        return stacks;
    }
}
