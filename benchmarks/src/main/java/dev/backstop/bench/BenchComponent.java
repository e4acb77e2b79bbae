package dev.backstop.bench;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.engine.RemediationEngine;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.RuleSource;
import dev.backstop.rules.source.RulesModule;
import java.time.Clock;
import java.util.Map;
import javax.inject.Provider;
import javax.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The production modules with the SDK clients faked at their edge, so a benchmark measures
 * Backstop's own work and no network.
 */
@Singleton
@Component(modules = {EngineModule.class, RulesModule.class, CloudTrailActionsModule.class, NoRuleFileModule.class,
        NoStsModule.class, NoTeamworkModule.class})
interface BenchComponent {

    RemediationEngine engine();

    CloudTrailEventParser parser();

    RuleSource rules();

    Map<String, Provider<RemediationAction>> catalogue();

    @Component.Factory
    interface Factory {
        BenchComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock,
                @BindsInstance CloudTrailClient cloudTrail, @BindsInstance DynamoDbClient dynamoDb,
                @BindsInstance SnsClient sns, @BindsInstance Region region);
    }
}
