package dev.backstop.action.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.SampleEvents;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrailSnapshotRecorderTest {

    private final CapturedTelemetry telemetry = new CapturedTelemetry();

    @Test
    void aConfiguringCallThatNamesNoTrailIsCountedNotSnapshottedAndDecidedOn() {
        // Neither CloudTrail nor the snapshot table is asked: the trail is unknown before either is needed.
        TrailSnapshotRecorder recorder = new TrailSnapshotRecorder(null, null,
                new Settings("audit", "arn:aws:sns:us-east-1:123456789012:t", Mode.ENFORCE, List.of()), telemetry.telemetry(),
                Clock.systemUTC());

        recorder.observe(new CloudTrailEventParser().parse(SampleEvents.edited(
                "cloudtrail/update-trail-benign.json", e -> ((ObjectNode) SampleEvents.detail(e).path("requestParameters"))
                        .remove("name"))));

        assertThat(telemetry.counted(TrailSnapshotRecorder.NOT_RECORDED)).singleElement().satisfies(line -> {
            assertThat(line.path("eventName").asText()).isEqualTo("UpdateTrail");
            assertThat(line.path("reason").asText()).isEqualTo("detail.requestParameters.name: is missing (and so is"
                    + " trailName); the trail is unknown");
            assertThat(line.path("SnapshotNotRecorded").asInt()).isEqualTo(1);
        });
    }
}
