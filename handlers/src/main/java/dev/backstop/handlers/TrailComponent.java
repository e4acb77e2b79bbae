package dev.backstop.handlers;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.RuleSource;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.watchdog.TrailWatchdog;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The graph of the CloudTrail function and of the trail watchdog: the engine with the trail
 * actions only, the watchdog that feeds it drift, and the priming.
 */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, CloudTrailActionsModule.class,
        CloudTrailClientModule.class})
public interface TrailComponent extends EngineComponent {

    /** The rules in force, compiled on first use (the engine asks for them too). */
    RuleSource rules();

    /** The trail watchdog, for {@link TrailWatchdogHandler}. */
    TrailWatchdog watchdog();

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
