package dev.backstop.handlers.s3findings;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.notify.NotifyActionsModule;
import dev.backstop.action.s3.S3ActionsModule;
import dev.backstop.action.s3.S3ClientModule;
import dev.backstop.action.securityhub.SecurityHubActionsModule;
import dev.backstop.action.securityhub.SecurityHubClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.aws.SignedTrailDestinationsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.engine.FindingTriggersModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The S3 findings function's graph: the engine with its steps for findings, Security Hub's
 * workflow (a verified fix marks the finding RESOLVED), the S3 actions and notify. Security Hub's
 * S3 controls come here and the other findings to the findings function, so that neither artifact
 * carries both S3's and EC2's SDK modules. CloudTrail's DescribeTrails is here (one signed call,
 * not CloudTrail's SDK module) only because {@code s3.restore-lifecycle}, bound with the other S3
 * actions, asks which buckets are a trail's.
 */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, FindingTriggersModule.class,
        SecurityHubActionsModule.Workflow.class, SecurityHubClientModule.class, S3ActionsModule.class,
        S3ClientModule.class, SignedTrailDestinationsModule.class, NotifyActionsModule.class})
public interface S3FindingsComponent extends EngineComponent {

    static S3FindingsComponent create(Settings settings, Clock clock) {
        return DaggerS3FindingsComponent.factory().create(settings, clock);
    }

    @Component.Factory
    interface Factory {
        S3FindingsComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
