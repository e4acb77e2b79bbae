package dev.backstop.engine;

import dagger.Module;
import dagger.Provides;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The engine's unit tests make no Lambda call: the alias rollback is tested on its own with a
 * fake client (action.lambda) and on the emulators (LambdaRollbackIT). Its history recorder runs
 * in the engine, writing to the fake table only.
 */
@Module
final class NoLambdaModule {

    private NoLambdaModule() {
    }

    @Provides
    static LambdaClient lambda() {
        throw new IllegalStateException("engine unit tests make no Lambda call");
    }
}
