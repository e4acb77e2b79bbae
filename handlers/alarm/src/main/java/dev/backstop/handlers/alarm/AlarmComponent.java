package dev.backstop.handlers.alarm;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.action.cloudwatch.CloudWatchActionsModule;
import dev.backstop.action.ec2.Ec2ActionsModule;
import dev.backstop.action.ec2.Ec2ClientModule;
import dev.backstop.action.iam.IamClientModule;
import dev.backstop.action.lambda.LambdaActionsModule;
import dev.backstop.action.lambda.LambdaClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.correlate.lookup.CorrelateModule;
import dev.backstop.engine.AlarmTriggersModule;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;
import org.crac.Core;

/**
 * The alarm functions' graph: the engine with its steps for alarms, the CloudTrail client its correlation looks up
 * changes with (and the IAM client it reads an instance profile's role with; EC2 and Lambda
 * read the instance's groups and the function's role), and the actions that respond to alarms (the Lambda alias rollback and the EC2
 * actions, of which only the instance isolation answers alarms).
 */
@Singleton
@Component(modules = {CorrelateModule.class, AlarmTriggersModule.class, AwsClientsModule.class, EngineModule.class, RulesModule.class, CloudTrailClientModule.class,
        CloudWatchActionsModule.class, LambdaActionsModule.class, LambdaClientModule.class, Ec2ActionsModule.class,
        Ec2ClientModule.class, IamClientModule.class})
interface AlarmComponent extends EngineComponent {

    /** SnapStart priming; its SDK clients are the engine's. */
    AlarmPriming priming();

    /** Builds the graph and registers its priming, which runs only if a snapshot is taken. */
    static AlarmComponent primed(Settings settings, Clock clock) {
        AlarmComponent component = create(settings, clock);
        Core.getGlobalContext().register(component.priming());
        return component;
    }

    static AlarmComponent create(Settings settings, Clock clock) {
        return DaggerAlarmComponent.factory().create(settings, clock);
    }

    @Component.Factory
    interface Factory {
        AlarmComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
