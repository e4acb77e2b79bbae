package dev.backstop.handlers.detection;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.config.ConfigActionsModule;
import dev.backstop.action.config.ConfigClientModule;
import dev.backstop.action.guardduty.GuardDutyActionsModule;
import dev.backstop.action.guardduty.GuardDutyClientModule;
import dev.backstop.action.logs.LogsActionsModule;
import dev.backstop.action.logs.LogsClientModule;
import dev.backstop.action.notify.NotifyActionsModule;
import dev.backstop.action.resolver.ResolverActionsModule;
import dev.backstop.action.resolver.ResolverClientModule;
import dev.backstop.action.securityhub.SecurityHubActionsModule;
import dev.backstop.action.securityhub.SecurityHubClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.aws.SignedTrailDestinationsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The detection function's graph: the engine with the actions that switch the account's detective
 * services back on (GuardDuty, AWS Config, Security Hub standards, Resolver query logging, a
 * trail's log group retention), the notification for what cannot be switched back, and CloudTrail's
 * DescribeTrails as one signed call (not CloudTrail's SDK module), by which
 * {@code logs.restore-retention} knows a trail's log group.
 */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, GuardDutyActionsModule.class,
        GuardDutyClientModule.class, ConfigActionsModule.class, ConfigClientModule.class, SecurityHubActionsModule.class,
        SecurityHubClientModule.class, ResolverActionsModule.class, ResolverClientModule.class, LogsActionsModule.class,
        LogsClientModule.class, SignedTrailDestinationsModule.class, NotifyActionsModule.class})
public interface DetectionComponent extends EngineComponent {

    static DetectionComponent create(Settings settings, Clock clock) {
        return DaggerDetectionComponent.factory().create(settings, clock);
    }

    @Component.Factory
    interface Factory {
        DetectionComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
