package dev.backstop.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.cloudtrail.TrailInspector;
import dev.backstop.action.cloudtrail.TrailInspector.Finding;
import dev.backstop.testing.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;

/**
 * Faults the emulator cannot make, at the SDK edge: a trail the watchdog's role may not read, and
 * a throttled CloudTrail. Whole trails never reach the engine, so none is needed here.
 */
class TrailWatchdogTest {

    private static final String DENIED = "arn:aws:cloudtrail:us-east-1:123456789012:trail/someone-elses";
    private static final String WHOLE = "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";
    private static final byte[] SCHEDULED = SampleEvents.edited("watchdog/scheduled-event.json", event -> { });

    private final TrailInspector inspector = mock(TrailInspector.class);
    private final TrailWatchdog watchdog = new TrailWatchdog(inspector, null, null, new ObjectMapper(), Region.US_EAST_1,
            Clock.fixed(Instant.parse("2026-11-20T10:05:00Z"), ZoneOffset.UTC));

    private static CloudTrailException error(int status, String code) {
        return (CloudTrailException) CloudTrailException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    void aTrailThatCannotBeCheckedFailsTheRunAfterTheOthersAreCheckedAtTheSdkEdge() {
        when(inspector.trailsToCheck("123456789012")).thenReturn(List.of(DENIED, WHOLE));
        when(inspector.inspect(eq(DENIED), any(), anyString())).thenThrow(error(400, "AccessDeniedException"));
        when(inspector.inspect(eq(WHOLE), any(), anyString())).thenReturn(new Finding(WHOLE, List.of(), true));

        assertThatThrownBy(() -> watchdog.run(SCHEDULED, WatchdogScope.EVERY_TRAIL))
                .isInstanceOf(WatchdogException.class)
                .hasMessageContaining("checked 1 trail(s)")
                .hasMessageContaining(DENIED + " (AccessDeniedException");
        verify(inspector).inspect(eq(WHOLE), any(), eq("backstop:watchdog:2b7f4c1e-8d3a-4e59-a6b0-9c1d5e7f3a28"));
    }

    @Test
    void aThrottledCloudTrailFailsTheRunForLambdaToRetryAtTheSdkEdge() {
        when(inspector.trailsToCheck("123456789012")).thenReturn(List.of(WHOLE));
        when(inspector.inspect(eq(WHOLE), any(), anyString())).thenThrow(error(400, "ThrottlingException"));

        assertThatThrownBy(() -> watchdog.run(SCHEDULED, WatchdogScope.EVERY_TRAIL))
                .isInstanceOf(CloudTrailException.class);
    }

    @Test
    void trailsOutsideTheScopeAreNotLookedAt() {
        when(inspector.trailsToCheck("123456789012")).thenReturn(List.of(DENIED, WHOLE));
        when(inspector.inspect(eq(WHOLE), any(), anyString())).thenReturn(new Finding(WHOLE, List.of(), false));

        TrailWatchdog.WatchdogRun run = watchdog.run(SCHEDULED, new WatchdogScope(List.of(WHOLE)));

        assertThat(run.trails()).extracting(TrailWatchdog.TrailResult::trailArn).containsExactly(WHOLE);
        assertThat(run.trails().get(0).decision()).isNull();
    }
}
