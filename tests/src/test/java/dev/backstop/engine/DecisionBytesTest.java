package dev.backstop.engine;

import static dev.backstop.testing.CloudTrailHistory.lambdaCall;
import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.edited;
import static dev.backstop.testing.TestDeliveries.alarms;
import static dev.backstop.testing.TestDeliveries.apiCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleLoader;
import dev.backstop.rules.RuleText;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.FakeSns;
import dev.backstop.testing.NothingRelated;
import dev.backstop.testing.TestRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * The audit items and notifications the engine writes, against golden files in
 * {@code golden/decisions/}: the audit chain hashes every item, so a refactoring of the engine
 * must leave what it writes for the same decision as it was. Each scenario runs on fresh fakes
 * with a fixed clock; every item the table holds afterwards (claims, records, chain heads, step
 * log, breakers) and every message published is compared, attribute by attribute and character
 * by character, with two exceptions that were never stable from one JVM to the next:
 *
 * <ul>
 *   <li>the order of the keys inside an action's {@code before}, {@code after} and {@code undo}
 *       maps ({@code Map.copyOf} orders them by a seed drawn at JVM start): they are compared
 *       sorted, and the text's length is checked unchanged, so nothing but their order may move;
 *   <li>the hashes derived from the items ({@code chainHash}, {@code previousHash},
 *       {@code headHash}, {@code fieldDigests}), which follow that order, and a duplicate
 *       delivery's random UUID: masked. {@code ChainHashTest} pins the hash of a given item.
 * </ul>
 *
 * <p>The files were captured before the engine became one rule loop over triggers, which left
 * them as they were. One change to them since was meant: an applied action's {@code undo} is
 * stored in version 2 of {@code UndoFormat} (the field {@code undoVersion} added), the rest of
 * each file unchanged. To write the files anew (only ever from code known to be right):
 * {@code -Dgolden.update=true}.
 */
class DecisionBytesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/decisions");
    private static final Instant NOW = Instant.parse("2026-11-20T10:31:00Z");
    private static final Instant LATENCY_ALARM_AT = Instant.parse("2026-11-20T10:30:12.734Z");
    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";
    private static final String DEPLOYER = "arn:aws:sts::123456789012:assumed-role/deployer/ci-4711";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:backstop";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> HASHES = Set.of("chainHash", "fieldDigests", "previousHash", "headHash");
    private static final Set<String> MAPS = Set.of("before", "after", "undo");
    private static final String ROLLBACK_RULE = """
            version: 1
            rules:
              - id: team-rollback
                description: Roll back after a deployment.
                severity: high
                mode: enforce
                match:
                  source: [aws.cloudwatch]
                  detail:
                    state: {value: [ALARM]}
                    configuration: {metrics: {metricStat: {metric: {namespace: [AWS/Lambda], name: [Duration, Errors]}}}}
                correlate:
                  window: 10m
                  require: [UpdateFunctionCode20150331v2, UpdateAlias20150331]
                unless:
                  accounts: ["210987654321"]
                actions:
                  - action: test.alarm-action
            """;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final FakeSns sns = new FakeSns();

    @ParameterizedTest
    @ValueSource(strings = {"stop-logging-enforce", "stop-logging-dry-run", "stop-logging-notify", "failed-call",
        "own-principal", "protected-target", "protected-caller", "account-not-allowed", "malformed", "already-compliant", "duplicate",
        "delete-trail-without-snapshot", "notification-failed"})
    void cloudTrailDecisionsWriteWhatTheyWroteBefore(String scenario) {
        FakeCloudTrail cloudTrail = new FakeCloudTrail().trail(TRAIL, false);
        Settings settings = new Settings("audit", TOPIC, Mode.ENFORCE, List.of());
        byte[] stopLogging = edited("cloudtrail/stop-logging.json", e -> { });
        switch (scenario) {
            case "stop-logging-enforce" -> decideApiCalls(settings, cloudTrail, stopLogging);
            case "stop-logging-dry-run" -> decideApiCalls(new Settings("audit", TOPIC, Mode.DRY_RUN, List.of()), cloudTrail,
                    stopLogging);
            case "stop-logging-notify" -> decideApiCalls(new Settings("audit", TOPIC, Mode.NOTIFY, List.of()), cloudTrail,
                    stopLogging);
            case "failed-call" -> decideApiCalls(settings, cloudTrail,
                    edited("cloudtrail/stop-logging-denied.json", e -> { }));
            case "own-principal" -> decideApiCalls(new Settings("audit", TOPIC, Mode.ENFORCE,
                    List.of("arn:aws:iam::123456789012:role/DeveloperAccess")), cloudTrail, stopLogging);
            case "protected-target" -> decideApiCalls(new Settings("audit", TOPIC, Mode.ENFORCE,
                    List.of("arn:aws:cloudtrail:*:123456789012:trail/management-*")), cloudTrail, stopLogging);
            case "protected-caller" -> decideApiCalls(settings.withProtectedPrincipals(
                    List.of("arn:aws:iam::123456789012:role/DeveloperAccess")), cloudTrail, stopLogging);
            case "account-not-allowed" -> decideApiCalls(settings.withMembers(new MemberAccess(
                    Optional.of("999999999999"), Set.of("111122223333"), Optional.of("BackstopRemediation"),
                    Optional.empty())), cloudTrail, stopLogging);
            case "malformed" -> decideApiCalls(settings, cloudTrail, edited("cloudtrail/stop-logging.json",
                    e -> detail(e).remove("eventTime")));
            case "already-compliant" -> decideApiCalls(settings, new FakeCloudTrail().trail(TRAIL, true), stopLogging);
            case "duplicate" -> decideApiCalls(settings, cloudTrail, stopLogging, stopLogging);
            case "delete-trail-without-snapshot" -> decideApiCalls(settings, cloudTrail,
                    edited("cloudtrail/delete-trail.json", e -> { }));
            case "notification-failed" -> {
                sns.failWith(new IllegalStateException("topic gone"));
                decideApiCalls(settings, cloudTrail, stopLogging);
            }
            default -> throw new IllegalArgumentException(scenario);
        }

        assertMatchesGolden("cloudtrail-" + scenario);
    }

    @ParameterizedTest
    @ValueSource(strings = {"notify-with-changes", "rollback-required-change-found", "rollback-required-change-missing",
        "exempt-account", "sns-delivery-with-malformed-record", "ok-without-rule", "other-account", "duplicate-delivery",
        "composite"})
    void alarmDecisionsWriteWhatTheyWroteBefore(String scenario) {
        CloudTrailClient cloudTrail = mock(CloudTrailClient.class);
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenReturn(LookupEventsResponse.builder()
                .events(lambdaCall("deploy-1", "UpdateFunctionCode20150331v2", "checkout-api",
                        LATENCY_ALARM_AT.minusSeconds(scenario.equals("rollback-required-change-missing") ? 720 : 300),
                        DEPLOYER, false)).build());
        Settings settings = new Settings("audit", TOPIC, Mode.ENFORCE, List.of());
        byte[] latency = edited("alarms/sns-lambda-latency.json", e -> { });
        switch (scenario) {
            case "notify-with-changes" -> decideAlarms(settings, cloudTrail, List.of(), latency);
            case "rollback-required-change-found", "rollback-required-change-missing" ->
                    decideAlarms(settings, cloudTrail, List.of(ROLLBACK_RULE), latency);
            case "exempt-account" -> decideAlarms(settings, cloudTrail,
                    List.of(ROLLBACK_RULE.replace("210987654321", "123456789012")), latency);
            case "sns-delivery-with-malformed-record" -> decideAlarms(settings, cloudTrail, List.of(),
                    edited("alarms/sns-two-records.json", root -> ((ObjectNode) root.path("Records").get(1).path("Sns"))
                            .put("Message", "{\"AlarmName\":\"broken\"}")));
            case "ok-without-rule" -> decideAlarms(settings, cloudTrail, List.of(), edited("alarms/eventbridge-ec2-cpu.json",
                    event -> ((ObjectNode) event.path("detail").path("state")).put("value", "OK")));
            case "other-account" -> decideAlarms(settings.withMembers(new MemberAccess(Optional.of("210987654321"), Set.of(),
                    Optional.empty(), Optional.empty())), cloudTrail, List.of(ROLLBACK_RULE), latency);
            case "duplicate-delivery" -> decideAlarms(settings, cloudTrail, List.of(),
                    edited("alarms/eventbridge-ec2-cpu.json", e -> { }), edited("alarms/lambda-action-ec2-cpu.json", e -> { }));
            case "composite" -> decideAlarms(settings, cloudTrail, List.of(),
                    edited("alarms/sns-composite.json", e -> { }));
            default -> throw new IllegalArgumentException(scenario);
        }

        assertMatchesGolden("alarm-" + scenario);
    }

    private void decideApiCalls(Settings settings, FakeCloudTrail cloudTrail, byte[]... payloads) {
        RemediationEngine engine = DaggerTestComponent.factory()
                .create(settings, Clock.fixed(NOW, ZoneOffset.UTC), cloudTrail, dynamoDb, sns, Region.US_EAST_1,
                        new FakeS3()).engine();
        for (byte[] payload : payloads) {
            engine.handle(apiCall(payload));
        }
    }

    private void decideAlarms(Settings settings, CloudTrailClient cloudTrail, List<String> teamRules, byte[]... payloads) {
        Map<String, List<ParamSpec>> catalogue = new HashMap<>(TestRules.CATALOGUE);
        catalogue.put(RecordingAlarmAction.NAME, List.of());
        List<RuleText> files = new ArrayList<>(List.of(DefaultPack.text()));
        teamRules.forEach(team -> files.add(new RuleText("team.yaml", team)));
        RuleBook book = new RuleLoader(catalogue, Clock.fixed(NOW, ZoneOffset.UTC)).load(files);
        RemediationEngine engine = DaggerAlarmTestComponent.factory().create(settings, Clock.fixed(NOW, ZoneOffset.UTC),
                () -> book, new RecordingAlarmAction(), cloudTrail, dynamoDb, sns, NothingRelated.ec2(),
                NothingRelated.iam(), NothingRelated.lambda()).engine();
        for (byte[] payload : payloads) {
            engine.handle(alarms(payload));
        }
    }

    private void assertMatchesGolden(String name) {
        String written = written();
        Path golden = GOLDEN.resolve(name + ".json");
        if (Boolean.getBoolean("golden.update")) {
            write(golden, written);
        }
        assertThat(written).as("what the engine wrote for %s, against %s", name, golden).isEqualTo(read(golden));
    }

    /** Every item of the table and every message published, as typed JSON. */
    private String written() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode items = root.putObject("items");
        dynamoDb.items().forEach((key, item) -> items.set(masked(key), typed(item)));
        ArrayNode messages = root.putArray("notifications");
        for (PublishRequest request : sns.published()) {
            ObjectNode message = messages.addObject().put("topicArn", request.topicArn()).put("subject", request.subject())
                    .put("message", normalised(masked(request.message()), true));
            request.messageAttributes().forEach((key, value) -> message.putObject("attributes").putObject(key)
                    .put("dataType", value.dataType()).put("stringValue", value.stringValue()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A duplicate's audit id ends in a random UUID; event ids in the samples are fixed UUIDs and stay. */
    private static String masked(String text) {
        int duplicate = text.indexOf("#duplicate#");
        if (duplicate < 0) {
            return text;
        }
        return text.substring(0, duplicate) + UUID.matcher(text.substring(duplicate)).replaceAll("<uuid>");
    }

    /** The attributes in name order, derived hashes masked. */
    private static ObjectNode typed(Map<String, AttributeValue> item) {
        ObjectNode typed = JSON.createObjectNode();
        new TreeMap<>(item).forEach((attribute, value) -> typed.set(attribute,
                HASHES.contains(attribute) ? JSON.getNodeFactory().textNode("<derived hash>") : typed(value)));
        return typed;
    }

    private static JsonNode typed(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", normalised(masked(value.s()), false));
            case N -> node.put("N", value.n());
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().stream().map(DecisionBytesTest::masked).sorted().forEach(node.putArray("SS")::add);
            case NS -> value.ns().stream().sorted().forEach(node.putArray("NS")::add);
            case L -> value.l().forEach(element -> node.withArray("L").add(typed(element)));
            case M -> node.set("M", typed(value.m()));
            default -> throw new IllegalArgumentException("no typed form for " + value);
        }
        return node;
    }

    /**
     * JSON text with the keys of its before, after and undo maps sorted; any other text as it is.
     * Sorting keeps the length, so a text that changed in any other way still fails.
     */
    private static String normalised(String text, boolean pretty) {
        if (!text.startsWith("{") && !text.startsWith("[")) {
            return text;
        }
        JsonNode tree;
        try {
            tree = COMPACT.readTree(text);
        } catch (IOException notJson) {
            return text;
        }
        sortMaps(tree);
        try {
            String sorted = pretty ? COMPACT.writerWithDefaultPrettyPrinter().writeValueAsString(tree)
                    : COMPACT.writeValueAsString(tree);
            assertThat(sorted).as("%s, its maps sorted", text).hasSameSizeAs(text);
            return sorted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sortMaps(JsonNode node) {
        if (node.isArray()) {
            node.forEach(DecisionBytesTest::sortMaps);
        } else if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                if (MAPS.contains(name) && child instanceof ObjectNode map) {
                    TreeMap<String, JsonNode> sorted = new TreeMap<>();
                    map.fields().forEachRemaining(entry -> sorted.put(entry.getKey(), entry.getValue()));
                    map.removeAll();
                    map.setAll(sorted);
                } else {
                    sortMaps(child);
                }
            }
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("no golden file " + file + " (write it with -Dgolden.update=true)", e);
        }
    }
}
