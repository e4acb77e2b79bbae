package dev.backstop.handlers.watchdog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.handlers.cloudtrail.Priming;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.watchdog.AnchorModule;
import dev.backstop.watchdog.HeadAnchoring;
import dev.backstop.watchdog.TrailWatchdog;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The trail watchdog's graph: the CloudTrail function's engine and trail actions, the watchdog
 * that feeds it drift, the anchoring of the chain heads, and the same priming.
 */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, CloudTrailActionsModule.class,
        CloudTrailClientModule.class, AnchorModule.class})
public interface WatchdogComponent {

    TrailWatchdog watchdog();

    /** Anchors the audit chains' heads outside the table on each run. */
    HeadAnchoring anchoring();

    ObjectMapper json();

    /** SnapStart priming; its SDK clients are the engine's. */
    Priming priming();

    static WatchdogComponent create(Settings settings, Clock clock) {
        return DaggerWatchdogComponent.factory().create(settings, clock);
    }

    @Component.Factory
    interface Factory {
        WatchdogComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
