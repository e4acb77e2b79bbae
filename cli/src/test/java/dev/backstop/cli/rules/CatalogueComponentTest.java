package dev.backstop.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dev.backstop.catalogue.CatalogueParametersModule;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.action.cloudtrail.TrailDestinationsModule;
import dev.backstop.action.config.ConfigActionsModule;
import dev.backstop.action.config.ConfigClientModule;
import dev.backstop.action.guardduty.GuardDutyActionsModule;
import dev.backstop.action.guardduty.GuardDutyClientModule;
import dev.backstop.action.logs.LogsActionsModule;
import dev.backstop.action.logs.LogsClientModule;
import dev.backstop.action.notify.NotifyActionsModule;
import dev.backstop.action.resolver.ResolverActionsModule;
import dev.backstop.action.resolver.ResolverClientModule;
import dev.backstop.action.securityhub.SecurityHubActionsModule;
import dev.backstop.action.securityhub.SecurityHubClientModule;
import dev.backstop.action.cloudwatch.CloudWatchActionsModule;
import dev.backstop.action.cloudwatch.CloudWatchClientModule;
import dev.backstop.action.cloudwatch.OwnAlarmActionsModule;
import dev.backstop.action.dynamodb.DynamoDbActionsModule;
import dev.backstop.action.ec2.Ec2ActionsModule;
import dev.backstop.action.ec2.Ec2ClientModule;
import dev.backstop.action.events.EventsActionsModule;
import dev.backstop.action.events.EventsClientModule;
import dev.backstop.action.iam.IamActionsModule;
import dev.backstop.action.iam.IamClientModule;
import dev.backstop.action.kms.KmsActionsModule;
import dev.backstop.action.kms.KmsClientModule;
import dev.backstop.action.lambda.LambdaActionsModule;
import dev.backstop.action.lambda.LambdaClientModule;
import dev.backstop.action.rds.RdsActionsModule;
import dev.backstop.action.rds.RdsClientModule;
import dev.backstop.action.rolesanywhere.RolesAnywhereActionsModule;
import dev.backstop.action.rolesanywhere.RolesAnywhereClientModule;
import dev.backstop.action.s3.S3ActionsModule;
import dev.backstop.action.s3.S3ClientModule;
import dev.backstop.action.selfwatch.SelfWatchActionsModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.ParamSpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.junit.jupiter.api.Test;

class CatalogueComponentTest {

    /** The catalogue's actions by name, as providers: listing them builds no action and no SDK client. */
    @Singleton
    @Component(modules = {AwsClientsModule.class, CloudTrailActionsModule.class, CloudTrailClientModule.class,
            IamActionsModule.class, IamClientModule.class, Ec2ActionsModule.class, Ec2ClientModule.class,
            S3ActionsModule.class, S3ClientModule.class, LambdaActionsModule.class, LambdaClientModule.class,
            CloudWatchActionsModule.class, TrailDestinationsModule.class, NotifyActionsModule.class,
            GuardDutyActionsModule.class, GuardDutyClientModule.class, ConfigActionsModule.class, ConfigClientModule.class,
            SecurityHubActionsModule.class, SecurityHubClientModule.class, ResolverActionsModule.class,
            ResolverClientModule.class, LogsActionsModule.class, LogsClientModule.class,
            EventsActionsModule.class, EventsClientModule.class, OwnAlarmActionsModule.class, CloudWatchClientModule.class,
            KmsActionsModule.class, KmsClientModule.class, DynamoDbActionsModule.class, SelfWatchActionsModule.class,
            RdsActionsModule.class, RdsClientModule.class, RolesAnywhereActionsModule.class, RolesAnywhereClientModule.class})
    interface Actions {

        Map<String, Provider<RemediationAction>> catalogue();

        @Component.Factory
        interface Factory {
            Actions create(@BindsInstance Clock clock, @BindsInstance Settings settings);
        }
    }

    private static Set<Class<?>> actionModules(Class<?> component) {
        return Arrays.stream(component.getAnnotation(Component.class).modules())
                .filter(module -> module.getSimpleName().endsWith("ActionsModule"))
                .collect(Collectors.toSet());
    }

    @Test
    void knowsTheParametersOfEveryActionsModuleOfTheProductionComponent() {
        Set<Class<?>> parameterModules = Set.of(CatalogueParametersModule.class.getAnnotation(Module.class).includes());

        assertThat(actionModules(Actions.class)).isEqualTo(actionModules(BackstopComponent.class));
        assertThat(actionModules(BackstopComponent.class)).allSatisfy(actions ->
                assertThat(parameterModules).containsAll(List.of(actions.getAnnotation(Module.class).includes())));
    }

    @Test
    void everyCatalogueActionHasAParametersEntry() {
        Map<String, List<ParamSpec>> parameters = CatalogueComponent.create(Clock.systemUTC()).actionParameters();

        assertThat(parameters).containsOnlyKeys(DaggerCatalogueComponentTest_Actions.factory()
                .create(Clock.systemUTC(), new Settings("audit", "arn:aws:sns:us-east-1:123456789012:t", Mode.DRY_RUN,
                        List.of())).catalogue().keySet());
    }

    @Test
    void loadsTheDefaultPackWithoutAnyAwsSetting() {
        String pack = DefaultPack.text().content();
        long shippedRules = pack.lines().filter(line -> line.startsWith("  - id: ")).count();

        assertThat(CatalogueComponent.create(Clock.systemUTC()).ruleLoader().load(List.of(DefaultPack.text())).size())
                .isEqualTo(shippedRules);
    }
}
