package dev.backstop.handlers.findings;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.action.cloudtrail.TrailDestinationsModule;
import dev.backstop.action.config.ConfigActionsModule;
import dev.backstop.action.config.ConfigClientModule;
import dev.backstop.action.ec2.Ec2ActionsModule;
import dev.backstop.action.ec2.Ec2ClientModule;
import dev.backstop.action.guardduty.GuardDutyActionsModule;
import dev.backstop.action.guardduty.GuardDutyClientModule;
import dev.backstop.action.iam.IamActionsModule;
import dev.backstop.action.iam.IamClientModule;
import dev.backstop.action.notify.NotifyActionsModule;
import dev.backstop.action.securityhub.SecurityHubActionsModule;
import dev.backstop.action.securityhub.SecurityHubClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.engine.FindingTriggersModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The findings function's graph: the engine with its steps for findings, Security Hub's workflow
 * (a verified fix marks the finding RESOLVED), and the actions that answer findings: revoke a
 * role's sessions, isolate an instance, close world-open ingress, turn on log file validation,
 * EBS encryption by default, GuardDuty and AWS Config, and notify. Security Hub's S3 controls go
 * to the S3 findings function instead: S3's SDK modules beside EC2's would take this artifact
 * over 15 MB.
 */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, FindingTriggersModule.class,
        SecurityHubActionsModule.Workflow.class, SecurityHubClientModule.class, IamActionsModule.class,
        IamClientModule.class, Ec2ActionsModule.class, Ec2ClientModule.class,
        CloudTrailActionsModule.class, CloudTrailClientModule.class, TrailDestinationsModule.class,
        GuardDutyActionsModule.class, GuardDutyClientModule.class, ConfigActionsModule.class, ConfigClientModule.class,
        NotifyActionsModule.class})
public interface FindingsComponent extends EngineComponent {

    static FindingsComponent create(Settings settings, Clock clock) {
        return DaggerFindingsComponent.factory().create(settings, clock);
    }

    @Component.Factory
    interface Factory {
        FindingsComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
