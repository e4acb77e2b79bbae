package dev.backstop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.handlers.alarm.AlarmHandler;
import dev.backstop.rules.RuleSource;
import dev.backstop.runtime.EngineComponent;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.FakeSns;
import dev.backstop.testing.TestAlarms;
import dev.backstop.testing.TestRules;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * A function decides the kinds of trigger its graph binds the engine's steps for, and no other: a
 * CloudTrail function's graph has none for alarms. A trigger it cannot decide is handed back
 * untouched, and a handler whose reader reads a kind its graph cannot decide fails when it is
 * built, at the cold start, not on its first event.
 */
class TriggerWiringTest {

    private final Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE,
            List.of());
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();

    /** The CloudTrail functions' graph, with the SDK clients faked at their edge. */
    private RemediationEngine cloudTrailEngine() {
        return DaggerTestComponent.factory().create(settings, Clock.systemUTC(), new FakeCloudTrail(), dynamoDb,
                new FakeSns(), Region.US_EAST_1, new FakeS3()).engine();
    }

    @Test
    void anEngineWithoutAlarmStepsHandsAnAlarmBackUntouched() {
        RemediationEngine engine = cloudTrailEngine();
        AlarmEvent alarm = TestAlarms.lambdaAlarm(Map.of("FunctionName", "checkout-api"));

        assertThat(engine.decides(CloudTrailEvent.class)).isTrue();
        assertThat(engine.decides(AlarmEvent.class)).isFalse();
        assertThatThrownBy(() -> engine.handle(alarm)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this function's graph binds no engine steps for AlarmEvent, so it cannot decide"
                        + " alarm \"checkout-api p99 latency\" ALARM");
        assertThat(dynamoDb.items()).isEmpty();
    }

    @Test
    void anAlarmHandlerOverACloudTrailFunctionsGraphFailsWhenItIsBuilt() {
        RemediationEngine engine = cloudTrailEngine();
        EngineComponent trail = new EngineComponent() {
            @Override
            public RemediationEngine engine() {
                return engine;
            }

            @Override
            public RuleSource rules() {
                return TestRules::defaultPack;
            }

            @Override
            public ObjectMapper json() {
                return new ObjectMapper();
            }

            @Override
            public InvocationTarget invocationTarget() {
                return new InvocationTarget();
            }
        };

        assertThatThrownBy(() -> new AlarmHandler(trail)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot decide the AlarmEvents its handler reads");
    }
}
