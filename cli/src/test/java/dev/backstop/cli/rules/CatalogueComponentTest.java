package dev.backstop.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.Component;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.action.ec2.Ec2ActionsModule;
import dev.backstop.action.ec2.Ec2ClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.handlers.BackstopComponent;
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
            Ec2ActionsModule.class, Ec2ClientModule.class})
    interface Actions {

        Map<String, Provider<RemediationAction>> catalogue();
    }

    private static Set<Class<?>> actionModules(Class<?> component) {
        return Arrays.stream(component.getAnnotation(Component.class).modules())
                .filter(module -> module.getSimpleName().endsWith("ActionsModule"))
                .collect(Collectors.toSet());
    }

    @Test
    void bindsEveryActionModuleOfTheProductionComponent() {
        assertThat(actionModules(CatalogueComponent.class)).isEqualTo(actionModules(BackstopComponent.class));
        assertThat(actionModules(Actions.class)).isEqualTo(actionModules(BackstopComponent.class));
    }

    @Test
    void everyCatalogueActionHasAParametersEntry() {
        Map<String, List<ParamSpec>> parameters = CatalogueComponent.create(Clock.systemUTC()).actionParameters();

        assertThat(parameters).containsOnlyKeys(DaggerCatalogueComponentTest_Actions.create().catalogue().keySet());
    }

    @Test
    void loadsTheDefaultPackWithoutAnyAwsSetting() {
        assertThat(CatalogueComponent.create(Clock.systemUTC()).ruleLoader().load(List.of(DefaultPack.text())).size())
                .isEqualTo(2);
    }
}
