package dev.backstop.cli.rules;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.action.cloudwatch.CloudWatchActionsModule;
import dev.backstop.action.ec2.Ec2ActionsModule;
import dev.backstop.action.ec2.Ec2ClientModule;
import dev.backstop.action.iam.IamActionsModule;
import dev.backstop.action.iam.IamClientModule;
import dev.backstop.action.lambda.LambdaActionsModule;
import dev.backstop.action.lambda.LambdaClientModule;
import dev.backstop.action.s3.S3ActionsModule;
import dev.backstop.action.s3.S3ClientModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import java.time.Clock;
import java.util.Map;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * The whole catalogue's actions as {@code ./backstop plan} asks them whether they apply to an
 * event, exactly as the engine does: built on first use, their SDK clients offline
 * ({@link OfflineAwsModule}).
 */
@Singleton
@Component(modules = {OfflineAwsModule.class, EngineModule.class, CloudTrailActionsModule.class, CloudTrailClientModule.class,
        IamActionsModule.class, IamClientModule.class, Ec2ActionsModule.class, Ec2ClientModule.class, S3ActionsModule.class,
        S3ClientModule.class, LambdaActionsModule.class, LambdaClientModule.class, CloudWatchActionsModule.class})
interface PlanComponent {

    Map<String, Provider<RemediationAction>> actions();

    @Component.Factory
    interface Factory {
        PlanComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
