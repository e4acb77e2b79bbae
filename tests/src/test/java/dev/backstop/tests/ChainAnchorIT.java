package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.AuditTable;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.engine.RemediationEngine;
import dev.backstop.handlers.watchdog.TrailWatchdogHandler;
import dev.backstop.handlers.watchdog.WatchdogComponent;
import dev.backstop.testing.SampleEvents;
import dev.backstop.watchdog.AnchorLocation;
import dev.backstop.watchdog.WatchdogException;
import dev.backstop.watchdog.WatchdogScope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Chain heads anchored outside the audit table by the trail watchdog's run: an S3 object under
 * Object Lock in compliance mode on LocalStack (which enforces the lock: a locked version cannot be
 * deleted), and a chain cut short so cleanly that the chain itself cannot show it, caught by
 * {@code audit verify --anchor} and by the next watchdog run, which keeps the anchor as it was.
 */
class ChainAnchorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";

    private static DemoWorld world;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    private record Deployment(String table, AnchorLocation anchor) {
    }

    private static Deployment deployment(String name) {
        String prefix = Emulators.uniquePrefix(name);
        String table = prefix + "-audit";
        dynamoDb.createTable(AuditTable.createRequest(table));
        dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(table));
        String bucket = prefix + "-anchors";
        world.s3().createBucket(request -> request.bucket(bucket).objectLockEnabledForBucket(true));
        return new Deployment(table, new AnchorLocation(bucket, "chain-heads.json", Duration.ofDays(1)));
    }

    private static List<String> record(Deployment deployment, int count) throws IOException {
        Settings settings = new Settings(deployment.table(), "arn:aws:sns:us-east-1:" + ACCOUNT + ":unused", Mode.ENFORCE,
                List.of());
        RemediationEngine engine = BackstopComponent.factory().create(settings, Clock.systemUTC()).engine();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode event = (ObjectNode) JSON.readTree(SampleEvents.edited("cloudtrail/stop-logging.json", e -> {
                e.put("id", UUID.randomUUID().toString()).put("account", ACCOUNT);
                ((ObjectNode) e.get("detail")).put("eventID", UUID.randomUUID().toString())
                        .put("eventName", "DescribeTrails").put("recipientAccountId", ACCOUNT);
            }));
            ids.add(engine.handle(dev.backstop.testing.TestDeliveries.apiCall(JSON.writeValueAsBytes(event))).auditId());
        }
        return ids;
    }

    /** One watchdog run that checks no trail (none is in its scope) and anchors the heads. */
    private static JsonNode watchdogRun(Deployment deployment) throws IOException {
        Settings settings = new Settings(deployment.table(), "arn:aws:sns:us-east-1:" + ACCOUNT + ":unused",
                Mode.ENFORCE, List.of());
        TrailWatchdogHandler handler = new TrailWatchdogHandler(WatchdogComponent.create(settings, Clock.systemUTC()),
                new WatchdogScope(List.of("arn:aws:cloudtrail:*:" + ACCOUNT + ":trail/none-" + UUID.randomUUID())),
                Optional.of(deployment.anchor()));
        byte[] scheduled = SampleEvents.edited(TrailFixture.WATCHDOG_SAMPLE, event -> event
                .put("id", UUID.randomUUID().toString()).put("account", ACCOUNT));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(scheduled), answer,
                new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray()).path("anchor");
    }

    private static List<ObjectVersion> versions(Deployment deployment) {
        return world.s3().listObjectVersions(request -> request.bucket(deployment.anchor().bucket())
                .prefix(deployment.anchor().key())).versions();
    }

    private static Map<String, AttributeValue> item(Deployment deployment, String key) {
        return dynamoDb.getItem(request -> request.tableName(deployment.table())
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(key))).consistentRead(true)).item();
    }

    @Test
    void eachRunThatSeesNewRecordsWritesALockedVersionThatCannotBeDeleted() throws IOException {
        Deployment deployment = deployment("anchor-lock");
        record(deployment, 3);

        JsonNode first = watchdogRun(deployment);
        JsonNode unchanged = watchdogRun(deployment);
        record(deployment, 1);
        JsonNode moved = watchdogRun(deployment);

        assertThat(first.path("written").asBoolean()).isTrue();
        assertThat(first.path("chains").asInt()).isEqualTo(1);
        assertThat(unchanged.path("written").asBoolean()).as("heads unchanged: nothing written").isFalse();
        assertThat(moved.path("written").asBoolean()).isTrue();
        List<ObjectVersion> versions = versions(deployment);
        assertThat(versions).hasSize(2);
        var head = world.s3().headObject(request -> request.bucket(deployment.anchor().bucket())
                .key(deployment.anchor().key()).versionId(versions.get(1).versionId()));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(head.objectLockRetainUntilDate()).isAfter(java.time.Instant.now().plus(Duration.ofHours(23)));
        assertThatThrownBy(() -> world.s3().deleteObject(request -> request.bucket(deployment.anchor().bucket())
                .key(deployment.anchor().key()).versionId(versions.get(1).versionId())))
                .isInstanceOf(S3Exception.class).hasMessageContaining("Access Denied");
        CommandRun verify = CommandRun.of("audit", "verify", "--table", deployment.table(), "--anchor",
                deployment.anchor().toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("1 chains): the table agrees with it");
    }

    @Test
    void aChainCutShortWithItsHeadRewoundPassesTheChainCheckButNotTheAnchor() throws IOException {
        Deployment deployment = deployment("anchor-cut");
        record(deployment, 2);
        String chain = ACCOUNT + "/us-east-1";
        Map<String, AttributeValue> earlierHead = item(deployment, "chain#head#" + chain);
        List<String> later = record(deployment, 2);
        watchdogRun(deployment);

        // The intruder deletes the last two records and puts the head back where it was before them.
        later.forEach(id -> dynamoDb.deleteItem(request -> request.tableName(deployment.table())
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(id)))));
        dynamoDb.putItem(request -> request.tableName(deployment.table()).item(earlierHead));

        CommandRun chainOnly = CommandRun.of("audit", "verify", "--table", deployment.table());
        CommandRun anchored = CommandRun.of("audit", "verify", "--table", deployment.table(), "--anchor",
                deployment.anchor().toString());

        assertThat(chainOnly.exitCode()).as("the chain alone cannot show the cut").isZero();
        assertThat(anchored.exitCode()).isEqualTo(1);
        assertThat(anchored.out()).contains("chain " + chain + " position 4, audit id " + later.get(1)
                + ": the chain was cut short: its head is at position 2, the anchor has it at 4");
        assertThatThrownBy(() -> watchdogRun(deployment)).isInstanceOf(WatchdogException.class)
                .hasMessageContaining("cut short");
        assertThat(versions(deployment)).as("the anchor is kept as it was").hasSize(1);
    }

    @Test
    void aRewrittenAndRehashedRecordNoLongerMatchesItsAnchoredHash() throws IOException {
        Deployment deployment = deployment("anchor-rehash");
        List<String> ids = record(deployment, 2);
        watchdogRun(deployment);

        dynamoDb.updateItem(request -> request.tableName(deployment.table())
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(ids.get(1))))
                .updateExpression("SET chainHash = :forged")
                .expressionAttributeValues(Map.of(":forged", AttributeValue.fromS("0".repeat(64)))));

        CommandRun anchored = CommandRun.of("audit", "verify", "--table", deployment.table(), "--anchor",
                deployment.anchor().toString());

        assertThat(anchored.exitCode()).isEqualTo(1);
        assertThat(anchored.out()).contains("the chain was rewritten: the anchored record hashes to " + "0".repeat(64));
    }

    @Test
    void anAnchorThatIsNotJsonIsNamedNotTraced() {
        Deployment deployment = deployment("anchor-bad");
        world.s3().putObject(request -> request.bucket(deployment.anchor().bucket()).key(deployment.anchor().key())
                .objectLockMode(ObjectLockMode.COMPLIANCE)
                .objectLockRetainUntilDate(java.time.Instant.now().plus(Duration.ofDays(1))),
                software.amazon.awssdk.core.sync.RequestBody.fromString("{\"heads\": [{\"chain\": \"x\"}]}"));

        CommandRun verify = CommandRun.of("audit", "verify", "--table", deployment.table(), "--anchor",
                deployment.anchor().toString());

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).contains(deployment.anchor().toString()).contains("heads[0].position: expected a number")
                .doesNotContain("at dev.backstop");
    }
}
