package dev.backstop.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.testing.CannedHttp;
import dev.backstop.cli.testing.LogFolder;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.CloudTrailLogReader;
import dev.backstop.rules.ExactPins;
import dev.backstop.testing.LogFiles;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;

/** Athena at the SDK's edge: no emulator runs Athena queries, so a canned HTTP client answers the real SDK client. */
class AthenaSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final Window WINDOW = new Window(T0, T0.plusSeconds(86_400));
    private static final Map<String, ExactPins> PINS = Map.of("rules:cloudtrail-logging-stopped",
            new ExactPins(Set.of("aws.cloudtrail"), Set.of("StopLogging")));

    private final CannedHttp http = new CannedHttp();
    private final List<Long> waits = new ArrayList<>();
    private long clock;
    private final AthenaSource source = new AthenaSource(
            AwsClientsModule.build(AthenaClient.builder().endpointOverride(URI.create("http://127.0.0.1:9")), http,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), Region.US_EAST_1),
            "cloudtrail_db.management", "security", "s3://results-bucket/backtest/", PINS,
            new CloudTrailLogReader(new CloudTrailEventParser(), JSON), new AthenaRows(JSON),
            new Pacer(1, () -> clock, nanos -> { waits.add(nanos); clock += nanos; }));

    private static String state(String state) {
        return "{\"QueryExecution\":{\"QueryExecutionId\":\"q-1\",\"Status\":{\"State\":\"" + state + "\""
                + (state.equals("FAILED") ? ",\"StateChangeReason\":\"TABLE_NOT_FOUND: line 2:6: Table missing\"" : "")
                + "}}}";
    }

    /** A results page as Athena returns it: column info, the header row on the first page, a row per record. */
    private static String page(boolean first, String nextToken, ObjectNode... records) {
        ObjectNode page = JSON.createObjectNode();
        ObjectNode results = page.putObject("ResultSet");
        ArrayNode columns = results.putObject("ResultSetMetadata").putArray("ColumnInfo");
        AthenaQuery.COLUMNS.keySet().forEach(column -> columns.addObject().put("Name", AthenaQuery.alias(column))
                .put("Type", "varchar"));
        ArrayNode rows = results.putArray("Rows");
        if (first) {
            ArrayNode header = rows.addObject().putArray("Data");
            AthenaQuery.COLUMNS.keySet().forEach(column -> header.addObject().put("VarCharValue", AthenaQuery.alias(column)));
        }
        for (ObjectNode record : records) {
            ArrayNode data = rows.addObject().putArray("Data");
            AthenaQuery.COLUMNS.values().forEach(field -> {
                JsonNode value = record.at("/" + field.replace('.', '/'));
                ObjectNode datum = data.addObject();
                if (!value.isMissingNode() && !value.isNull()) {
                    datum.put("VarCharValue", value.isContainerNode() ? value.toString() : value.asText());
                }
            });
        }
        if (nextToken != null) {
            page.put("NextToken", nextToken);
        }
        return page.toString();
    }

    @Test
    void runsThePinnedQueryWaitsPolitelyAndRebuildsEachRowIntoTheRecordItCameFrom() {
        ObjectNode attach = LogFiles.numbered(LogFiles.record("iam/attach-role-policy-admin.json"), 2, T0.plusSeconds(5));
        http.ok("{\"QueryExecutionId\":\"q-1\"}").ok(state("QUEUED")).ok(state("RUNNING")).ok(state("SUCCEEDED"))
                .ok(page(true, "p2", LogFolder.stopLogging(1, T0))).ok(page(false, null, attach));
        RecordingFeed feed = new RecordingFeed();

        source.read(WINDOW, feed);

        assertThat(http.sent()).extracting(CannedHttp.Sent::target).containsExactly("AmazonAthena.StartQueryExecution",
                "AmazonAthena.GetQueryExecution", "AmazonAthena.GetQueryExecution", "AmazonAthena.GetQueryExecution",
                "AmazonAthena.GetQueryResults", "AmazonAthena.GetQueryResults");
        JsonNode start = readTree(http.sent().get(0).body());
        assertThat(start.get("QueryString").asText())
                .isEqualTo(AthenaQuery.of("cloudtrail_db.management", PINS, WINDOW).sql());
        assertThat(start.get("WorkGroup").asText()).isEqualTo("security");
        assertThat(start.get("ResultConfiguration").get("OutputLocation").asText()).isEqualTo("s3://results-bucket/backtest/");
        assertThat(readTree(http.sent().get(5).body()).get("NextToken").asText()).isEqualTo("p2");
        assertThat(waits).containsExactly(1_000_000_000L, 1_000_000_000L);

        assertThat(feed.entries).extracting(entry -> entry.error() == null ? "ok" : entry.error().getMessage())
                .containsExactly("ok", "ok");
        CloudTrailEvent stop = feed.entries.get(0).event();
        assertThat(stop.envelope().source()).isEqualTo("aws.cloudtrail");
        assertThat(stop.detail().eventName()).isEqualTo("StopLogging");
        assertThat(stop.detail().userIdentity().issuerArn()).contains("arn:aws:iam::123456789012:role/DeveloperAccess");
        assertThat(stop.detail().userIdentity().mfaAuthenticated()).isFalse();
        CloudTrailEvent rebuilt = feed.entries.get(1).event();
        assertThat(rebuilt.detail().requestParameters().get("roleName").asText()).isEqualTo("data-pipeline");
        assertThat(rebuilt.account()).isEqualTo("123456789012");
        assertThat(feed.settled).containsExactly(T0, T0.plusSeconds(5));
    }

    @Test
    void aFailedQuerySaysWhyAthenaFailedIt() {
        http.ok("{\"QueryExecutionId\":\"q-1\"}").ok(state("FAILED"));

        assertThatThrownBy(() -> source.read(WINDOW, new RecordingFeed())).isInstanceOf(BacktestFailedException.class)
                .hasMessage("the Athena query q-1 ended FAILED: TABLE_NOT_FOUND: line 2:6: Table missing");
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
