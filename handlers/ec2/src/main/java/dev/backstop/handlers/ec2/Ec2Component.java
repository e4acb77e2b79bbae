package dev.backstop.handlers.ec2;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.ec2.Ec2ActionsModule;
import dev.backstop.action.ec2.Ec2ClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;

/** The EC2 function's graph: the engine with the security group actions only. */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, Ec2ActionsModule.class,
        Ec2ClientModule.class})
interface Ec2Component extends EngineComponent {

    @Component.Factory
    interface Factory {
        Ec2Component create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
