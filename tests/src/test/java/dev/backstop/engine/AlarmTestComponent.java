package dev.backstop.engine;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.cloudwatch.CloudWatchActionsModule;
import dev.backstop.config.Settings;
import dev.backstop.correlate.lookup.CorrelateModule;
import dev.backstop.rules.RuleSource;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The engine with the production engine and alarm modules, the given rules, an alarm
 * action that only records what it is asked ({@link RecordingAlarmAction}), and the SDK clients
 * at their edge.
 */
@Singleton
@Component(modules = {CorrelateModule.class, AlarmTriggersModule.class, EngineModule.class, NoStsModule.class, TeamworkFakesModule.class, HomeRegionModule.class, CloudWatchActionsModule.class, AlarmTestComponent.RecordingActionModule.class})
interface AlarmTestComponent {

    RemediationEngine engine();

    @Module
    final class RecordingActionModule {

        private RecordingActionModule() {
        }

        @Provides
        @IntoMap
        @StringKey(RecordingAlarmAction.NAME)
        static RemediationAction recording(RecordingAlarmAction action) {
            return action;
        }
    }

    @Component.Factory
    interface Factory {
        AlarmTestComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock,
                @BindsInstance RuleSource rules, @BindsInstance RecordingAlarmAction action,
                @BindsInstance CloudTrailClient cloudTrail, @BindsInstance DynamoDbClient dynamoDb,
                @BindsInstance SnsClient sns, @BindsInstance Ec2Client ec2, @BindsInstance IamClient iam,
                @BindsInstance LambdaClient lambda);
    }
}
