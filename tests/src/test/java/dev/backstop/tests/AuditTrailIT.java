package dev.backstop.tests;

import static dev.backstop.testing.TestDeliveries.apiCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.AuditTable;
import dev.backstop.audit.Outcome;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.engine.RemediationEngine;
import dev.backstop.telemetry.Telemetry;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audit trail's hash chain on moto's DynamoDB: records written through the engine, tampered
 * with through the raw DynamoDB client, and {@code ./backstop audit verify|list|show} run on them.
 */
class AuditTrailIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";

    private static DemoWorld world;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void close() {
        dynamoDb.close();
    }

    /** A table of its own, and a stage naming it; decisions that match no rule need nothing else. */
    private static Stage tableOnly(String name) {
        String table = Emulators.uniquePrefix(name) + "-audit";
        dynamoDb.createTable(AuditTable.createRequest(table));
        dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(table));
        return new Stage(table, "arn:aws:sns:us-east-1:" + ACCOUNT + ":unused", null, "unused",
                "arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/unused");
    }

    private static RemediationEngine engine(Stage stage, Mode mode) {
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), mode, List.of());
        return BackstopComponent.factory().create(settings, Clock.systemUTC()).engine();
    }

    /** A CloudTrail call no rule watches, by the given caller: decided NO_MATCH, audited, nothing else. */
    private static byte[] unwatchedCall(Stage stage, String caller) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(stopLogging(stage));
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventName", "DescribeTrails");
        ((ObjectNode) detail.get("userIdentity")).put("arn", caller);
        return JSON.writeValueAsBytes(event);
    }

    private static byte[] stopLogging(Stage stage) {
        return world.stopLoggingEvent(SampleEvents.path("cloudtrail/stop-logging.json"), stage);
    }

    private static List<String> chainOfRecords(Stage stage, int count) throws IOException {
        RemediationEngine engine = engine(stage, Mode.ENFORCE);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(engine.handle(apiCall(unwatchedCall(stage, "arn:aws:iam::" + ACCOUNT + ":user/u" + i))).auditId());
        }
        return ids;
    }

    private static CommandRun verify(Stage stage) {
        return CommandRun.of("audit", "verify", "--table", stage.auditTable());
    }

    private static void update(Stage stage, String auditId, String expression, Map<String, AttributeValue> values) {
        dynamoDb.updateItem(request -> request.tableName(stage.auditTable())
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(auditId)))
                .updateExpression(expression).expressionAttributeValues(values));
    }

    private static void delete(Stage stage, String auditId) {
        dynamoDb.deleteItem(request -> request.tableName(stage.auditTable())
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(auditId))));
    }

    @Test
    void fiftyRecordsFromEightThreadsLeaveOneIntactChain() throws Exception {
        Stage stage = tableOnly("audit-concurrent");
        RemediationEngine engine = engine(stage, Mode.ENFORCE);
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(unwatchedCall(stage, "arn:aws:iam::" + ACCOUNT + ":user/u" + i));
        }
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<AuditRecord>> decisions;
        try {
            decisions = writers.invokeAll(events.stream().map(event -> (Callable<AuditRecord>)
                    () -> engine.handle(apiCall(event))).toList());
        } finally {
            writers.shutdown();
        }
        for (Future<AuditRecord> decision : decisions) {
            assertThat(decision.get().outcome()).isEqualTo(Outcome.NO_MATCH);
        }

        CommandRun run = verify(stage);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("chain " + ACCOUNT + "/us-east-1: 50 records, intact; head 50 ")
                .contains("1 chains verified: 1 intact, 0 with problems");
        List<String> positions = dynamoDb.scanPaginator(request -> request.tableName(stage.auditTable())).items()
                .stream().filter(item -> item.containsKey(AuditTable.CHAIN_POSITION))
                .map(item -> item.get(AuditTable.CHAIN_POSITION).n()).sorted().toList();
        assertThat(positions).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 50).mapToObj(Integer::toString).toList());
    }

    @Test
    void recordsFromFourContainersEachRememberingItsHeadLeaveOneIntactChain() throws Exception {
        Stage stage = tableOnly("audit-containers");
        // Each engine is a container of its own, with its own memory of the head it moved last.
        List<RemediationEngine> containers = IntStream.range(0, 4).mapToObj(i -> engine(stage, Mode.ENFORCE)).toList();
        List<Callable<AuditRecord>> decisions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RemediationEngine engine = containers.get(i % containers.size());
            byte[] event = unwatchedCall(stage, "arn:aws:iam::" + ACCOUNT + ":user/c" + i);
            decisions.add(() -> engine.handle(apiCall(event)));
        }
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            for (Future<AuditRecord> decision : writers.invokeAll(decisions)) {
                assertThat(decision.get().outcome()).isEqualTo(Outcome.NO_MATCH);
            }
        } finally {
            writers.shutdown();
        }
        // Then each appends once more, from memory or after another's append.
        for (RemediationEngine engine : containers) {
            engine.handle(apiCall(unwatchedCall(stage, "arn:aws:iam::" + ACCOUNT + ":user/again")));
        }

        CommandRun run = verify(stage);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("chain " + ACCOUNT + "/us-east-1: 44 records, intact; head 44 ");
    }

    @Test
    void theClaimTellsTheFirstAttemptFromARetryInTheSameCall() {
        Stage stage = tableOnly("audit-claim");
        AuditLog audit = new AuditLog(dynamoDb, stage.auditTable(), JSON,
                new Telemetry(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), JSON, Clock.systemUTC()));
        Instant now = Instant.now();

        assertThat(audit.claim("decision#claimed", now)).isEqualTo(AuditLog.Claim.FIRST);
        assertThat(audit.claim("decision#claimed", now)).isEqualTo(AuditLog.Claim.REFUSED);
        audit.release("decision#claimed");
        // The step log is read on this attempt only: the put returned the claim it replaced.
        assertThat(audit.claim("decision#claimed", now)).isEqualTo(AuditLog.Claim.RETRY);
    }

    @Test
    void anEditedRecordIsNamedWithTheFieldThatChanged() throws IOException {
        Stage stage = tableOnly("audit-edit");
        List<String> ids = chainOfRecords(stage, 5);
        update(stage, ids.get(2), "SET outcome = :o", Map.of(":o", AttributeValue.fromS("REMEDIATED")));

        CommandRun run = verify(stage);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("chain " + ACCOUNT + "/us-east-1: 5 records, 1 problems")
                .contains("  position 3, audit id " + ids.get(2)
                        + ": edited: its content no longer matches its hash; changed outcome");
    }

    @Test
    void aDeletedRecordIsNamedByTheRecordAfterItAndTheLastByTheHead() throws IOException {
        Stage stage = tableOnly("audit-delete");
        List<String> ids = chainOfRecords(stage, 5);
        delete(stage, ids.get(1));
        delete(stage, ids.get(4));

        CommandRun run = verify(stage);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("  position 2, audit id " + ids.get(1) + ": deleted: no record at this position,"
                + " where the record at position 3 says " + ids.get(1) + " was")
                .contains("  position 5, audit id " + ids.get(4) + ": deleted: no record at this position,"
                        + " where the head says " + ids.get(4) + " was")
                .contains("5 records, 2 problems");
    }

    @Test
    void twoRecordsSwappedInTheChainAreBothNamedAsReordered() throws IOException {
        Stage stage = tableOnly("audit-swap");
        List<String> ids = chainOfRecords(stage, 5);
        update(stage, ids.get(1), "SET chainPosition = :p", Map.of(":p", AttributeValue.fromN("3")));
        update(stage, ids.get(2), "SET chainPosition = :p", Map.of(":p", AttributeValue.fromN("2")));

        CommandRun run = verify(stage);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("  position 2, audit id " + ids.get(2) + ": reordered: it was chained after " + ids.get(1)
                        + ", which is at position 3; changed chainPosition")
                .contains("  position 3, audit id " + ids.get(1) + ": reordered: it was chained after " + ids.get(0)
                        + ", which is at position 1; changed chainPosition")
                .doesNotContain("position 4,")
                .contains("5 records, 2 problems");
    }

    @Test
    void aRecordSlippedInPastTheHeadIsNamed() throws IOException {
        Stage stage = tableOnly("audit-insert");
        List<String> ids = chainOfRecords(stage, 2);
        Map<String, AttributeValue> forged = new HashMap<>(dynamoDb.getItem(request -> request
                .tableName(stage.auditTable()).key(Map.of(AuditTable.KEY, AttributeValue.fromS(ids.get(1))))).item());
        forged.put(AuditTable.KEY, AttributeValue.fromS("forged"));
        forged.put(AuditTable.CHAIN_POSITION, AttributeValue.fromN("3"));
        dynamoDb.putItem(request -> request.tableName(stage.auditTable()).item(forged));

        CommandRun run = verify(stage);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("  position 3, audit id forged: inserted: past the head of the chain (position 2)");
    }

    @Test
    void listFiltersByRulePrincipalResourceAndTimeAndShowPrintsTheWholeRecord() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("audit-list"));
        world.stopLogging(stage);
        RemediationEngine engine = engine(stage, Mode.DRY_RUN);
        Instant before = Instant.now().minusSeconds(1);
        String stopped = engine.handle(apiCall(stopLogging(stage))).auditId();
        String bob = "arn:aws:iam::" + ACCOUNT + ":user/bob";
        String unwatched = engine.handle(apiCall(unwatchedCall(stage, bob))).auditId();
        String table = stage.auditTable();

        CommandRun byRule = CommandRun.of("audit", "list", "--table", table, "--rule", "cloudtrail-logging-stopped");
        CommandRun byPrincipal = CommandRun.of("audit", "list", "--table", table, "--principal", bob, "--json");
        CommandRun byResource = CommandRun.of("audit", "list", "--table", table, "--resource", stage.trailArn());
        CommandRun inRange = CommandRun.of("audit", "list", "--table", table, "--since", before.toString());
        CommandRun beforeAll = CommandRun.of("audit", "list", "--table", table, "--until", before.toString());
        CommandRun show = CommandRun.of("audit", "show", stopped, "--table", table);
        CommandRun missing = CommandRun.of("audit", "show", "no-such-id", "--table", table);

        assertThat(byRule.exitCode()).as(byRule.err()).isZero();
        assertThat(byRule.out()).contains(stopped, "WOULD_REMEDIATE", stage.trailArn()).doesNotContain(unwatched)
                .contains("1 record in " + table);
        assertThat(byRule.out().lines().findFirst().orElseThrow())
                .matches("DECIDED AT +OUTCOME +AUDIT ID +PRINCIPAL +RULES +RESOURCES");
        List<JsonNode> lines = byPrincipal.out().lines().map(AuditTrailIT::json).toList();
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.path("record").path("auditId").asText()).isEqualTo(unwatched);
            assertThat(line.path("record").path("outcome").asText()).isEqualTo("NO_MATCH");
            assertThat(line.path("chain").asText()).isEqualTo(ACCOUNT + "/us-east-1");
            assertThat(line.path("position").asLong()).isEqualTo(2);
        });
        assertThat(byResource.out()).contains(stopped).doesNotContain(unwatched);
        assertThat(inRange.out()).contains(stopped, unwatched, "2 records in " + table);
        assertThat(beforeAll.out()).isEqualTo("0 records in " + table + System.lineSeparator());
        assertThat(show.exitCode()).isZero();
        JsonNode record = json(show.out());
        assertThat(record.path("auditId").asText()).isEqualTo(stopped);
        assertThat(record.path("outcome").asText()).isEqualTo("WOULD_REMEDIATE");
        assertThat(record.path("chainPosition").asLong()).isEqualTo(1);
        assertThat(record.path("chainHash").asText()).hasSize(64);
        assertThat(record.path("actions").get(0).path("before").path("isLogging").asText()).isEqualTo("false");
        assertThat(record.path("fieldDigests").has("outcome")).isTrue();
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no audit record no-such-id in " + table);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
