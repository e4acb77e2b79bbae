package dev.backstop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.SampleEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionRunnerTest {

    private final CloudTrailEvent event = new CloudTrailEventParser()
            .parse(SampleEvents.edited("cloudtrail/stop-logging.json", e -> { }));

    @Test
    void anActionThisFunctionDoesNotHoldIsLeftToTheFunctionThatDoes() {
        ActionRunner runner = new ActionRunner(Map.of(), new VerifyPolicy(1, Duration.ZERO),
                new Settings("audit", "arn:aws:sns:us-east-1:123456789012:t", Mode.ENFORCE, List.of()),
                null, null, Clock.systemUTC());

        assertThat(runner.appliesTo(new ActionSpec("s3.restore-bucket-policy", Map.of()), event)).isFalse();
    }
}
