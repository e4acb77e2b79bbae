package dev.backstop.handlers.rds;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.rds.RdsActionsModule;
import dev.backstop.action.rds.RdsClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;

/** The RDS function's graph: the engine with the RDS snapshot actions only. */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, RdsActionsModule.class,
        RdsClientModule.class})
interface RdsComponent extends EngineComponent {

    @Component.Factory
    interface Factory {
        RdsComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
