package dev.backstop.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.testing.CannedHttp;
import dev.backstop.cli.testing.LogFolder;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.CloudTrailLogReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** LookupEvents at the SDK's edge: no emulator serves it, so a canned HTTP client answers the real SDK client. */
class LookupEventsSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

    private final CannedHttp http = new CannedHttp();
    private final List<Long> waits = new ArrayList<>();
    private long clock;
    private final CloudTrailClient cloudTrail = AwsClientsModule.build(CloudTrailClient.builder()
            .endpointOverride(java.net.URI.create("http://127.0.0.1:9")), http,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), Region.US_EAST_1);
    private final LookupEventsSource source = new LookupEventsSource(cloudTrail,
            new CloudTrailLogReader(new CloudTrailEventParser(), JSON),
            new Pacer(2, () -> clock, nanos -> { waits.add(nanos); clock += nanos; }));

    /** A LookupEvents page: each event's record as the JSON text CloudTrail returns it. */
    private static String page(String nextToken, ObjectNode... records) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode events = page.putArray("Events");
        for (ObjectNode record : records) {
            events.addObject().put("EventId", record.get("eventID").asText()).put("EventName", "StopLogging")
                    .put("CloudTrailEvent", record.toString());
        }
        if (nextToken != null) {
            page.put("NextToken", nextToken);
        }
        return page.toString();
    }

    @Test
    void readsEveryPageOfEachDayOldestDayFirstAndSettlesEachDayAtItsEnd() {
        http.ok(page("page-2", LogFolder.stopLogging(2, DAY.plusSeconds(20)), LogFolder.stopLogging(1, DAY.plusSeconds(10))))
                .ok(page(null, LogFolder.stopLogging(0, DAY)))
                .ok(page(null, LogFolder.stopLogging(3, DAY.plusSeconds(86_400 + 5))));
        RecordingFeed feed = new RecordingFeed();

        source.read(new Window(DAY, DAY.plusSeconds(2 * 86_400)), feed);

        assertThat(feed.eventIds()).containsExactly("00000000-0000-4000-8000-000000000002",
                "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000000",
                "00000000-0000-4000-8000-000000000003");
        assertThat(feed.settled).containsExactly(DAY.plusSeconds(86_400), DAY.plusSeconds(2 * 86_400));
        List<String> bodies = http.sent().stream().map(CannedHttp.Sent::body).toList();
        assertThat(http.sent()).extracting(CannedHttp.Sent::target)
                .containsOnly("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents");
        assertThat(bodies.get(0)).contains("\"StartTime\":1795132800.000", "\"EndTime\":1795219199.000", "\"MaxResults\":50")
                .doesNotContain("NextToken");
        assertThat(bodies.get(1)).contains("\"NextToken\":\"page-2\"");
        assertThat(bodies.get(2)).contains("\"StartTime\":1795219200.000");
    }

    @Test
    void pacesItsCallsAndRetriesAThrottledCallAfterBackingOff() {
        http.ok(page("more", LogFolder.stopLogging(1, DAY)))
                .error(400, "ThrottlingException", "Rate exceeded")
                .ok(page(null, LogFolder.stopLogging(2, DAY.plusSeconds(1))));
        RecordingFeed feed = new RecordingFeed();

        source.read(new Window(DAY, DAY.plusSeconds(86_400)), feed);

        assertThat(feed.eventIds()).hasSize(2);
        assertThat(http.sent()).hasSize(3);
        assertThat(waits).containsExactly(500_000_000L);
    }

    @Test
    void anEventWhoseRecordIsNotJsonIsReportedAndTheOthersRead() {
        http.ok("{\"Events\":[{\"EventId\":\"bad\",\"CloudTrailEvent\":\"{not json\"},{\"EventId\":\"gone\"},"
                + "{\"EventId\":\"ok\",\"CloudTrailEvent\":" + JSON.valueToTree(LogFolder.stopLogging(1, DAY).toString())
                + "}]}");
        RecordingFeed feed = new RecordingFeed();

        source.read(new Window(DAY, DAY.plusSeconds(86_400)), feed);

        assertThat(feed.entries).hasSize(3);
        assertThat(feed.entries.get(0).error().getMessage()).startsWith("event bad: not valid JSON");
        assertThat(feed.entries.get(1).error().getMessage())
                .isEqualTo("event gone: expected a CloudTrail record (an object), found null");
        assertThat(feed.entries.get(2).error()).isNull();
    }
}
