package dev.backstop.handlers;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import java.time.Clock;
import javax.inject.Singleton;

/** The CloudTrail function's graph: the engine with the trail actions only. */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, CloudTrailActionsModule.class,
        CloudTrailClientModule.class})
interface TrailComponent extends EngineComponent {

    @Component.Factory
    interface Factory {
        TrailComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
