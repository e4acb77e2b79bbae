package dev.backstop.action.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.RemediationAction;
import dev.backstop.rules.ParamSpec;
import dev.backstop.testing.FakeCloudTrail;
import java.util.List;
import java.util.Map;
import javax.inject.Provider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

class CloudTrailActionsModuleTest {

    /** The module alone: actions as providers, so listing their names constructs nothing. */
    @Component(modules = CloudTrailActionsModule.class)
    interface Catalogue {

        Map<String, Provider<RemediationAction>> actions();

        Map<String, List<ParamSpec>> parameters();

        @Component.Factory
        interface Factory {
            Catalogue create(@BindsInstance CloudTrailClient cloudTrail, @BindsInstance Region region);
        }
    }

    private final Catalogue catalogue = DaggerCloudTrailActionsModuleTest_Catalogue.factory()
            .create(new FakeCloudTrail(), Region.US_EAST_1);

    @Test
    void bindsParametersForEveryActionItBinds() {
        assertThat(catalogue.parameters()).containsOnlyKeys(catalogue.actions().keySet());
    }

    @Test
    void startLoggingTakesNoParameters() {
        assertThat(catalogue.parameters()).containsEntry("cloudtrail.start-logging", List.of());
    }
}
