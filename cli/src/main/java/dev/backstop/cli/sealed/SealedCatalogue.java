package dev.backstop.cli.sealed;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.action.cloudtrail.TrailDestinationsModule;
import dev.backstop.action.config.ConfigActionsModule;
import dev.backstop.action.config.ConfigClientModule;
import dev.backstop.action.events.EventsActionsModule;
import dev.backstop.action.events.EventsClientModule;
import dev.backstop.action.guardduty.GuardDutyActionsModule;
import dev.backstop.action.guardduty.GuardDutyClientModule;
import dev.backstop.action.logs.LogsActionsModule;
import dev.backstop.action.logs.LogsClientModule;
import dev.backstop.action.notify.NotifyActionsModule;
import dev.backstop.action.resolver.ResolverActionsModule;
import dev.backstop.action.resolver.ResolverClientModule;
import dev.backstop.action.securityhub.SecurityHubActionsModule;
import dev.backstop.action.securityhub.SecurityHubClientModule;
import dev.backstop.action.cloudwatch.CloudWatchActionsModule;
import dev.backstop.action.cloudwatch.CloudWatchClientModule;
import dev.backstop.action.cloudwatch.OwnAlarmActionsModule;
import dev.backstop.action.dynamodb.DynamoDbActionsModule;
import dev.backstop.action.ec2.Ec2ActionsModule;
import dev.backstop.action.ec2.Ec2ClientModule;
import dev.backstop.action.iam.IamActionsModule;
import dev.backstop.action.iam.IamClientModule;
import dev.backstop.action.kms.KmsActionsModule;
import dev.backstop.action.kms.KmsClientModule;
import dev.backstop.action.lambda.LambdaActionsModule;
import dev.backstop.action.lambda.LambdaClientModule;
import dev.backstop.action.rds.RdsActionsModule;
import dev.backstop.action.rds.RdsClientModule;
import dev.backstop.action.rolesanywhere.RolesAnywhereActionsModule;
import dev.backstop.action.rolesanywhere.RolesAnywhereClientModule;
import dev.backstop.action.s3.S3ActionsModule;
import dev.backstop.action.s3.S3ClientModule;
import dev.backstop.action.selfwatch.SelfWatchActionsModule;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.util.Map;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * The whole action catalogue, built on {@link SealedAwsModule}'s clients, which can send nothing:
 * {@code ./backstop backtest} and {@code ./backstop plan} ask each action whether it applies to an
 * event, as the engine does, and nothing else.
 */
@Singleton
@Component(modules = {SealedAwsModule.class, CloudTrailActionsModule.class, CloudTrailClientModule.class,
        IamActionsModule.class, IamClientModule.class, Ec2ActionsModule.class, Ec2ClientModule.class,
        S3ActionsModule.class, S3ClientModule.class, LambdaActionsModule.class, LambdaClientModule.class,
        CloudWatchActionsModule.class, TrailDestinationsModule.class, EventsActionsModule.class, EventsClientModule.class,
        NotifyActionsModule.class, GuardDutyActionsModule.class, GuardDutyClientModule.class, ConfigActionsModule.class,
        ConfigClientModule.class, SecurityHubActionsModule.class, SecurityHubClientModule.class,
        ResolverActionsModule.class, ResolverClientModule.class, LogsActionsModule.class, LogsClientModule.class,
        OwnAlarmActionsModule.class, CloudWatchClientModule.class, KmsActionsModule.class, KmsClientModule.class,
        DynamoDbActionsModule.class, SelfWatchActionsModule.class, RdsActionsModule.class, RdsClientModule.class,
        RolesAnywhereActionsModule.class, RolesAnywhereClientModule.class})
public interface SealedCatalogue {

    Map<String, Provider<RemediationAction>> actions();

    /** The catalogue judging "outside" by the deployment's trusted set, as the handlers judge it. */
    static SealedCatalogue create(Clock clock, TrustedSet trusted) {
        return DaggerSealedCatalogue.factory().create(clock, trusted);
    }

    /**
     * As the engine asks: the catalogue holds the action and its parameters admit the event. An
     * action that must ask AWS (whether a bucket or log group is a trail's) cannot here: it is
     * counted as applying, as it may at run time.
     */
    default boolean applies(ActionSpec spec, Trigger trigger) {
        Provider<RemediationAction> action = actions().get(spec.action());
        if (action == null) {
            return false;
        }
        try {
            return action.get().appliesTo(trigger, spec);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SealedAwsModule.SealedException) {
                    return true; // the SDK wraps what its HTTP client threw
                }
            }
            throw e;
        }
    }

    /** The action restores the account's eyes and doors, so it acts past an open breaker, as in the engine. */
    default boolean actsPastBreakers(String name) {
        Provider<RemediationAction> action = actions().get(name);
        return action != null && action.get().restoresEyesOrDoors();
    }

    @Component.Factory
    interface Factory {
        SealedCatalogue create(@BindsInstance Clock clock, @BindsInstance TrustedSet trusted);
    }
}
