package dev.backstop.engine;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.TrailDestinationsModule;
import dev.backstop.action.ec2.Ec2ActionsModule;
import dev.backstop.action.iam.IamActionsModule;
import dev.backstop.action.lambda.LambdaActionsModule;
import dev.backstop.action.s3.S3ActionsModule;
import dev.backstop.aws.S3ObjectReader;
import dev.backstop.config.Settings;
import dev.backstop.rules.source.RulesModule;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Every CloudTrail function's graph in one, each SDK client a fake at its edge, the team rule file
 * read from a fake S3 object: the handler path the hostile corpus's events and rule files take.
 */
@Singleton
@Component(modules = {EngineModule.class, RulesModule.class, CloudTrailActionsModule.class, IamActionsModule.class,
        Ec2ActionsModule.class, S3ActionsModule.class, LambdaActionsModule.class, NoStsModule.class,
        TrailDestinationsModule.class, TeamworkFakesModule.class})
interface ProbeComponent {

    RemediationEngine engine();

    @Component.Factory
    interface Factory {
        ProbeComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock,
                @BindsInstance S3ObjectReader ruleFile, @BindsInstance CloudTrailClient cloudTrail,
                @BindsInstance DynamoDbClient dynamoDb, @BindsInstance SnsClient sns, @BindsInstance Ec2Client ec2,
                @BindsInstance IamClient iam, @BindsInstance S3Client s3, @BindsInstance S3ControlClient s3Control,
                @BindsInstance LambdaClient lambda, @BindsInstance Region region);
    }
}
