package dev.backstop.action.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.RemediationAction;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.rules.ParamSpec;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.inject.Provider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class CloudTrailActionsModuleTest {

    /** The module alone: actions as providers, so listing their names constructs nothing. */
    @Component(modules = CloudTrailActionsModule.class)
    interface Catalogue {

        Map<String, Provider<RemediationAction>> actions();

        Map<String, List<ParamSpec>> parameters();

        @Component.Factory
        interface Factory {
            Catalogue create(@BindsInstance CloudTrailClient cloudTrail, @BindsInstance Region region,
                    @BindsInstance DynamoDbClient dynamoDb,
                    @BindsInstance Settings settings, @BindsInstance Clock clock);
        }
    }

    private final Catalogue catalogue = DaggerCloudTrailActionsModuleTest_Catalogue.factory()
            .create(new FakeCloudTrail(), Region.US_EAST_1, new FakeDynamoDb(),
                    new Settings("audit", "arn:aws:sns:us-east-1:123456789012:topic", Mode.ENFORCE, List.of()),
                    Clock.systemUTC());

    @Test
    void bindsParametersForEveryActionItBinds() {
        assertThat(catalogue.parameters()).containsOnlyKeys(catalogue.actions().keySet())
                .containsOnlyKeys("cloudtrail.start-logging", "cloudtrail.recreate-trail",
                        "cloudtrail.restore-trail-settings", "cloudtrail.restore-event-selectors",
                        "cloudtrail.enable-log-file-validation");
    }

    @Test
    void everyTrailActionCanBeUndone() {
        assertThat(catalogue.actions().values()).allSatisfy(action -> assertThat(action.get().undoable()).isTrue());
    }

    @Test
    void startLoggingTakesNoParameters() {
        assertThat(catalogue.parameters()).containsEntry("cloudtrail.start-logging", List.of());
    }
}
