package dev.backstop.handlers.lambda;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.lambda.LambdaActionsModule;
import dev.backstop.action.lambda.LambdaClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;

/** The Lambda function's graph: the engine with the alias history recorder and the Lambda actions. */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, LambdaActionsModule.class,
        LambdaClientModule.class})
interface LambdaComponent extends EngineComponent {

    @Component.Factory
    interface Factory {
        LambdaComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
