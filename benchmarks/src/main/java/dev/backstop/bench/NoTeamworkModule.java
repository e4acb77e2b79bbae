package dev.backstop.bench;

import dagger.Module;
import dagger.Provides;
import dev.backstop.aws.StackLookup;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The benchmarked pack defers nothing and respects no declared state: a benchmark that reached
 * Scheduler or CloudFormation would measure the network, so it fails instead.
 */
@Module
final class NoTeamworkModule {

    private NoTeamworkModule() {
    }

    @Provides
    static StackLookup stacks() {
        return physicalId -> {
            throw new IllegalStateException("the benchmarks look up no stack (" + physicalId + ")");
        };
    }

    @Provides
    static SchedulerClient scheduler() {
        throw new IllegalStateException("the benchmarks schedule no deferred decision");
    }
}
