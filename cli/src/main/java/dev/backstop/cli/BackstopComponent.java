package dev.backstop.cli;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.action.cloudtrail.TrailDestinationsModule;
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
import dev.backstop.action.cloudwatch.CloudWatchActionsModule;
import dev.backstop.action.cloudwatch.CloudWatchClientModule;
import dev.backstop.action.cloudwatch.OwnAlarmActionsModule;
import dev.backstop.action.dynamodb.DynamoDbActionsModule;
import dev.backstop.action.ec2.Ec2ActionsModule;
import dev.backstop.action.events.EventsActionsModule;
import dev.backstop.action.events.EventsClientModule;
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
import dev.backstop.audit.AuditLog;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.correlate.lookup.CorrelateModule;
import dev.backstop.engine.AlarmTriggersModule;
import dev.backstop.engine.EngineModule;
import dev.backstop.engine.UndoService;
import dev.backstop.engine.VetoService;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import java.util.Map;
import javax.inject.Provider;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The whole catalogue in one graph, for the command line (undo reverses any action), the demo
 * and the tests. Lambda functions build their own domain's graph instead.
 */
@Singleton
@Component(modules = {CorrelateModule.class, AlarmTriggersModule.class, AwsClientsModule.class, EngineModule.class, RulesModule.class, CloudTrailActionsModule.class,
        CloudTrailClientModule.class, IamActionsModule.class, IamClientModule.class,
        Ec2ActionsModule.class, Ec2ClientModule.class, S3ActionsModule.class, S3ClientModule.class,
        LambdaActionsModule.class, LambdaClientModule.class, CloudWatchActionsModule.class, TrailDestinationsModule.class,
        NotifyActionsModule.class, GuardDutyActionsModule.class, GuardDutyClientModule.class, ConfigActionsModule.class,
        ConfigClientModule.class, SecurityHubActionsModule.class, SecurityHubClientModule.class, ResolverActionsModule.class,
        ResolverClientModule.class, LogsActionsModule.class, LogsClientModule.class,
        EventsActionsModule.class, EventsClientModule.class, OwnAlarmActionsModule.class, CloudWatchClientModule.class,
        KmsActionsModule.class, KmsClientModule.class, DynamoDbActionsModule.class, SelfWatchActionsModule.class,
        RdsActionsModule.class, RdsClientModule.class, RolesAnywhereActionsModule.class, RolesAnywhereClientModule.class})
public interface BackstopComponent extends EngineComponent {

    UndoService undo();

    /** Vetoes of decisions waiting out a veto window. */
    VetoService vetoes();

    /** Who runs the command: the caller identity a veto is audited with. */
    StsClient sts();

    /**
     * The catalogue by name, for running an action outside the CloudTrail path (the alarm
     * actions' integration tests), each built on first use.
     */
    Map<String, Provider<RemediationAction>> actions();

    AuditLog audit();

    static Factory factory() {
        return DaggerBackstopComponent.factory();
    }

    @Component.Factory
    interface Factory {
        BackstopComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
