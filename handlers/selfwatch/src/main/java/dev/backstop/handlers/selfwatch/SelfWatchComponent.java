package dev.backstop.handlers.selfwatch;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudwatch.CloudWatchClientModule;
import dev.backstop.action.cloudwatch.OwnAlarmActionsModule;
import dev.backstop.action.dynamodb.DynamoDbActionsModule;
import dev.backstop.action.events.EventsActionsModule;
import dev.backstop.action.events.EventsClientModule;
import dev.backstop.action.kms.KmsActionsModule;
import dev.backstop.action.kms.KmsClientModule;
import dev.backstop.action.lambda.LambdaActionsModule;
import dev.backstop.action.lambda.LambdaClientModule;
import dev.backstop.action.selfwatch.SelfWatchActionsModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The self-watch function's graph: the engine with the actions that put Backstop's own resources
 * back (rules, functions and their aliases, keys, alarms, the audit table's recovery) or tell the
 * team what to run, and the list of what is Backstop's own ({@link OwnResources}), the only
 * resources they act on. Its KMS module also answers every other key (a deletion scheduled, a
 * policy that lets in an outsider): those actions act only on keys that list does not name.
 */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, EventsActionsModule.class,
        EventsClientModule.class, LambdaActionsModule.class, LambdaClientModule.class, KmsActionsModule.class,
        KmsClientModule.class, OwnAlarmActionsModule.class, CloudWatchClientModule.class, DynamoDbActionsModule.class,
        SelfWatchActionsModule.class})
public interface SelfWatchComponent extends EngineComponent {

    static SelfWatchComponent create(Settings settings, OwnResources own, Clock clock) {
        return DaggerSelfWatchComponent.factory().create(settings, own, clock);
    }

    @Component.Factory
    interface Factory {
        SelfWatchComponent create(@BindsInstance Settings settings, @BindsInstance OwnResources own,
                @BindsInstance Clock clock);
    }
}
