package dev.backstop.action.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.TrailDestinations;
import dev.backstop.action.TrailStorage;
import dev.backstop.config.Settings;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.FakeS3Control;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.inject.Provider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;

class S3ActionsModuleTest {

    /** The module alone: actions as providers, so listing their names constructs nothing. */
    @Component(modules = S3ActionsModule.class)
    interface Catalogue {

        Map<String, Provider<RemediationAction>> actions();

        Map<String, List<ParamSpec>> parameters();

        @Component.Factory
        interface Factory {
            Catalogue create(@BindsInstance S3Client s3, @BindsInstance S3ControlClient s3Control,
                    @BindsInstance DynamoDbClient dynamoDb, @BindsInstance Settings settings, @BindsInstance Clock clock,
                    @BindsInstance TrailDestinations trails);
        }
    }

    private final Catalogue catalogue = DaggerS3ActionsModuleTest_Catalogue.factory().create(new FakeS3(),
            new FakeS3Control(), new FakePolicyTable(), S3Samples.SETTINGS, Clock.systemUTC(),
            () -> new TrailStorage(java.util.Set.of(), java.util.Set.of()));

    @Test
    void bindsParametersForEveryActionItBinds() {
        assertThat(catalogue.parameters()).containsOnlyKeys(catalogue.actions().keySet())
                .containsOnlyKeys("s3.restore-bucket-policy", "s3.remove-public-policy-statements",
                        "s3.block-public-access", "s3.make-acl-private", "s3.restore-lifecycle",
                        "s3.remove-outside-policy-statements", "s3.remove-outside-replication",
                        "s3.notify-backstop-tags");
    }

    @Test
    void theRestoreTakesABaselinePolicyAndTheBlockItsFourSettings() {
        assertThat(catalogue.parameters().get("s3.restore-bucket-policy")).extracting(ParamSpec::name, ParamSpec::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("baselinePolicy", ParamType.JSON));
        assertThat(catalogue.parameters().get("s3.block-public-access")).extracting(ParamSpec::name)
                .containsExactly("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets");
        assertThat(catalogue.actions()).allSatisfy((name, action) -> assertThat(action.get().undoable())
                .as(name).isEqualTo(!name.equals(NotifyBackstopTagsAction.NAME)));
    }
}
