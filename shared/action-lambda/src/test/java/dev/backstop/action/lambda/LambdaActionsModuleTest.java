package dev.backstop.action.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.RemediationAction;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.action.EventObserver;
import dev.backstop.rules.ParamSpec;
import dev.backstop.telemetry.Telemetry;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.FakeLambda;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Provider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

class LambdaActionsModuleTest {

    /** The module alone: actions as providers, so listing their names constructs nothing. */
    @Component(modules = LambdaActionsModule.class)
    interface Catalogue {

        Map<String, Provider<RemediationAction>> actions();

        Map<String, List<ParamSpec>> parameters();

        Set<EventObserver> observers();

        @Component.Factory
        interface Factory {
            Catalogue create(@BindsInstance LambdaClient lambda, @BindsInstance DynamoDbClient dynamoDb,
                    @BindsInstance Settings settings, @BindsInstance Region region, @BindsInstance Clock clock,
                    @BindsInstance Telemetry telemetry);
        }
    }

    private final Catalogue catalogue = DaggerLambdaActionsModuleTest_Catalogue.factory().create(new FakeLambda(),
            new FakeHistoryTable(), new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop",
                    Mode.ENFORCE, List.of()), Region.US_EAST_1, Clock.systemUTC(), new CapturedTelemetry().telemetry());

    @Test
    void bindsTheRollbackWithItsAliasParameterTheAccessActionsTheSelfWatchActionsAndTheHistoryRecorder() {
        assertThat(catalogue.parameters()).containsOnlyKeys(catalogue.actions().keySet())
                .containsOnlyKeys("lambda.rollback-alias", "lambda.remove-permission", "lambda.require-url-auth",
                        "lambda.remove-outside-layers", "lambda.delete-function-concurrency", "lambda.restore-alias");
        assertThat(catalogue.actions().values()).allSatisfy(action -> assertThat(action.get().undoable()).isTrue());
        assertThat(catalogue.parameters().get("lambda.rollback-alias")).extracting(ParamSpec::name).containsExactly("alias");
        assertThat(catalogue.actions().get("lambda.rollback-alias").get().undoable()).isTrue();
        assertThat(catalogue.observers()).singleElement().isInstanceOf(LambdaHistoryRecorder.class);
    }
}
