package dev.backstop.handlers.s3;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.iam.IamActionsModule;
import dev.backstop.action.iam.IamClientModule;
import dev.backstop.action.s3.S3ActionsModule;
import dev.backstop.action.s3.S3ClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.aws.SignedTrailDestinationsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The S3 function's graph: the engine with the bucket and account S3 actions, CloudTrail's
 * DescribeTrails as one signed call (not CloudTrail's SDK module), by which
 * {@code s3.restore-lifecycle} knows a trail's log bucket, and the IAM actions its Block Public
 * Access rule escalates to (a caller who keeps undoing the fix is quarantined).
 */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, S3ActionsModule.class,
        S3ClientModule.class, SignedTrailDestinationsModule.class, IamActionsModule.class, IamClientModule.class})
interface S3Component extends EngineComponent {

    @Component.Factory
    interface Factory {
        S3Component create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
