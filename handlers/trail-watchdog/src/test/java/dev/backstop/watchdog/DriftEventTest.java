package dev.backstop.watchdog;

import dev.backstop.event.ScheduledEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.cloudtrail.TrailInspector.Finding;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.MalformedEventException;
import dev.backstop.testing.SampleEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";

    @Test
    void theScheduledEventSampleNamesTheRunAndTheAccount() {
        ScheduledEvent run = ScheduledEvent.parse(SampleEvents.edited("watchdog/scheduled-event.json", e -> { }), JSON);

        assertThat(run).isEqualTo(new ScheduledEvent("2b7f4c1e-8d3a-4e59-a6b0-9c1d5e7f3a28", "123456789012"));
    }

    @Test
    void refusesAnythingButAScheduledEventNamingTheField() {
        assertThatThrownBy(() -> ScheduledEvent.parse(SampleEvents.edited("cloudtrail/stop-logging.json", e -> { }),
                JSON)).isInstanceOf(MalformedEventException.class).hasMessageContaining("detail-type");
        assertThatThrownBy(() -> ScheduledEvent.parse(SampleEvents.edited("watchdog/scheduled-event.json",
                e -> e.put("account", "12345")), JSON)).hasMessageContaining("account");
    }

    @Test
    void aFindingBecomesAnEventTheEngineReadsWithTheTrailWhereTheActionsLook() {
        ScheduledEvent run = new ScheduledEvent("run-1", "123456789012");
        Finding finding = new Finding(ARN, List.of("not logging", "multi-region turned off"), false);

        CloudTrailEvent event = new CloudTrailEventParser().parse(DriftEvent.of(run, finding, "us-east-1",
                Instant.parse("2026-11-20T10:05:00Z"), JSON));

        assertThat(event.eventId()).isEqualTo("watchdog#run-1#" + ARN);
        assertThat(event.envelope().source()).isEqualTo("backstop.watchdog");
        assertThat(event.detail().eventName()).isEqualTo("TrailDrift");
        assertThat(event.detail().failed()).isFalse();
        assertThat(event.detail().requestParameters().path("name").asText()).isEqualTo(ARN);
        assertThat(event.detail().requestParameters().path("drift")).hasSize(2);
        assertThat(event.detail().userIdentity().arn()).as("never one of Backstop's own principals").isNull();
    }

    @Test
    void aScopeOfPatternsKeepsToItsTrails() {
        WatchdogScope scope = new WatchdogScope(List.of("arn:aws:cloudtrail:*:123456789012:trail/prod-*"));

        assertThat(scope.includes("arn:aws:cloudtrail:us-east-1:123456789012:trail/prod-main")).isTrue();
        assertThat(scope.includes(ARN)).isFalse();
        assertThat(WatchdogScope.fromEnvironment(java.util.Map.of())).isEqualTo(WatchdogScope.EVERY_TRAIL);
        assertThatThrownBy(() -> new WatchdogScope(List.of("prod-*"))).hasMessageContaining(WatchdogScope.VARIABLE);
    }
}
