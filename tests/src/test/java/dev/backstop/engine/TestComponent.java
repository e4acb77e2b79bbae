package dev.backstop.engine;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.TrailDestinationsModule;
import dev.backstop.action.ec2.Ec2ActionsModule;
import dev.backstop.action.iam.IamActionsModule;
import dev.backstop.action.lambda.LambdaActionsModule;
import dev.backstop.action.s3.S3ActionsModule;
import dev.backstop.audit.AuditLog;
import dev.backstop.config.Settings;
import dev.backstop.rules.source.RulesModule;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/** The production modules with the SDK clients swapped for fakes at their edge. */
@Singleton
@Component(modules = {EngineModule.class, RulesModule.class, CloudTrailActionsModule.class, NoRemoteRulesModule.class,
        IamActionsModule.class, NoIamModule.class, Ec2ActionsModule.class, NoEc2Module.class, S3ActionsModule.class,
        NoS3ControlModule.class, NoStsModule.class, TeamworkFakesModule.class, LambdaActionsModule.class, NoLambdaModule.class,
        TrailDestinationsModule.class})
interface TestComponent {

    RemediationEngine engine();

    UndoService undo();

    AuditLog audit();

    @Component.Factory
    interface Factory {
        TestComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock,
                @BindsInstance CloudTrailClient cloudTrail, @BindsInstance DynamoDbClient dynamoDb,
                @BindsInstance SnsClient sns, @BindsInstance Region region, @BindsInstance S3Client s3);
    }
}
