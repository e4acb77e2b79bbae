package dev.backstop.tests.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.handlers.cloudtrail.CloudTrailHandler;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * What the attack suite's tests share: an attacker's events, made from the samples under
 * {@code events/} about the emulator's account with fresh ids and times and then edited the way
 * the attack needs, and their delivery to a handler through the whole catalogue's graph, as a
 * direct invocation of the function (or a bus rule that admits a custom event) would deliver them.
 */
final class Forgery {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_ACCOUNT = "123456789012";

    /** The team's copy of the shipped access-key rule: it names no source, as the shipped one does not. */
    static final String TEAM_KEY_RULE = """
            version: 1
            rules:
              - id: team-key-network
                description: Long-term keys are used from the office network only.
                severity: high
                mode: enforce
                match:
                  detail-type: [AWS API Call via CloudTrail]
                  detail:
                    userIdentity:
                      type: [IAMUser]
                      accessKeyId: [{exists: true}]
                    sourceIPAddress: [{cidr: 0.0.0.0/0}, {cidr: "::/0"}]
                actions:
                  - action: iam.deactivate-access-key
                    params:
                      key: used
                      expectedNetworks: [198.51.100.0/24]
            """;

    private Forgery() {
    }

    /** The emulator's account, as the stage's trail names it. */
    static String account(Stage stage) {
        return stage.trailArn().split(":")[4];
    }

    static String region(Stage stage) {
        return stage.trailArn().split(":")[3];
    }

    /** Enforce mode, the shipped rules, the stage's table and topic, one account. */
    static Settings enforce(Stage stage) {
        return new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of());
    }

    /** As a deployment runs: its home account named, so any other account is a stranger. */
    static Settings enforceAtHome(Stage stage) {
        return enforce(stage).withMembers(new MemberAccess(Optional.of(account(stage)), Set.of(), Optional.empty(),
                Optional.empty()));
    }

    /** Enforce mode with a team rule file, put in a bucket of the stage's own. */
    static Settings withRules(DemoWorld world, Stage stage, String rules) {
        return new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of(),
                Optional.of(putRules(world, stage, rules)), Settings.DEFAULT_RULES_TTL);
    }

    /** Writes (or rewrites) the stage's team rule file, in a versioned bucket of its own. */
    static RulesLocation putRules(DemoWorld world, Stage stage, String rules) {
        String bucket = stage.trailName() + "-rules";
        try {
            world.s3().createBucket(request -> request.bucket(bucket));
            world.s3().putBucketVersioning(request -> request.bucket(bucket)
                    .versioningConfiguration(versioning -> versioning.status(BucketVersioningStatus.ENABLED)));
        } catch (BucketAlreadyOwnedByYouException ours) {
            // a second version of the file
        }
        world.s3().putObject(request -> request.bucket(bucket).key("team.yaml"), RequestBody.fromString(rules));
        return RulesLocation.parse("s3://" + bucket + "/team.yaml");
    }

    /**
     * The sample about the stage's account and region, each name in {@code names} replaced, with a
     * fresh event id and the time of now; {@code edit} then makes it the attacker's.
     */
    static ObjectNode event(String sample, Stage stage, Map<String, String> names, Consumer<ObjectNode> edit) {
        return event(sample, account(stage), region(stage), names, edit);
    }

    /** As {@link #event(String, Stage, Map, Consumer)}, about another account (moto's, for its Lambda). */
    static ObjectNode event(String sample, String account, String region, Map<String, String> names,
            Consumer<ObjectNode> edit) {
        try {
            String text = Files.readString(SampleEvents.path(sample)).replace(SAMPLE_ACCOUNT, account);
            for (Map.Entry<String, String> name : names.entrySet()) {
                text = text.replace(name.getKey(), name.getValue());
            }
            ObjectNode event = (ObjectNode) JSON.readTree(text);
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            event.put("id", UUID.randomUUID().toString()).put("time", now).put("region", region);
            detail(event).put("eventID", UUID.randomUUID().toString()).put("eventTime", now).put("awsRegion", region);
            edit.accept(event);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    static ObjectNode request(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    /** The decision the CloudTrail handler answers with (the whole catalogue behind it). */
    static JsonNode deliver(Settings settings, ObjectNode event) {
        return deliver(BackstopComponent.factory().create(settings, Clock.systemUTC()), event);
    }

    static JsonNode deliver(BackstopComponent component, ObjectNode event) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            new CloudTrailHandler(component).handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)),
                    answer, new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
            return JSON.readTree(answer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A name of this run's own, so tests and reruns never share a resource. */
    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
