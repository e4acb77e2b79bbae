package dev.backstop.tests;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudwatch.CloudWatchActionsModule;
import dev.backstop.action.ec2.Ec2ClientModule;
import dev.backstop.action.iam.IamClientModule;
import dev.backstop.action.lambda.LambdaActionsModule;
import dev.backstop.action.lambda.LambdaClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.correlate.ChangeLookup;
import dev.backstop.correlate.lookup.CorrelateModule;
import dev.backstop.engine.AlarmTriggersModule;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * The alarm functions' graph with the real clients for the emulators (Lambda's is moto's), except CloudTrail, which is
 * given: neither emulator serves LookupEvents (moto answers it with a 500), so it is faked at the
 * SDK edge.
 */
@Singleton
@Component(modules = {CorrelateModule.class, AlarmTriggersModule.class, AwsClientsModule.class, EngineModule.class, RulesModule.class, CloudWatchActionsModule.class,
        Ec2ClientModule.class, IamClientModule.class, LambdaActionsModule.class, LambdaClientModule.class})
interface AlarmItComponent extends EngineComponent {

    /** The correlation alone, for reading what an alarm's resources lean on from the emulators. */
    ChangeLookup changes();

    @Component.Factory
    interface Factory {
        AlarmItComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock,
                @BindsInstance CloudTrailClient cloudTrail);
    }
}
