package dev.backstop.handlers.cloudtrail;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.action.iam.IamActionsModule;
import dev.backstop.action.iam.IamClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The graph of the CloudTrail function: the engine with the trail actions, the IAM actions its
 * rules escalate to (a caller who keeps undoing a fix is quarantined), and the priming.
 */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, CloudTrailActionsModule.class,
        CloudTrailClientModule.class, IamActionsModule.class, IamClientModule.class})
public interface TrailComponent extends EngineComponent {

    /** SnapStart priming; its SDK clients are the engine's. */
    Priming priming();

    static TrailComponent create(Settings settings, Clock clock) {
        return DaggerTrailComponent.factory().create(settings, clock);
    }

    @Component.Factory
    interface Factory {
        TrailComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
