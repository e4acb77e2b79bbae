package dev.backstop.handlers.iam;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.iam.IamActionsModule;
import dev.backstop.action.iam.IamClientModule;
import dev.backstop.action.notify.NotifyActionsModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The IAM function's graph: the engine with the credential actions, and the notification the
 * rules on Organizations calls send (those arrive in us-east-1 only, as IAM's do).
 */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, IamActionsModule.class,
        IamClientModule.class, NotifyActionsModule.class})
interface IamComponent extends EngineComponent {

    @Component.Factory
    interface Factory {
        IamComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
