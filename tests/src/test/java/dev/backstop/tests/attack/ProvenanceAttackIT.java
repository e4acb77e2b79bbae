package dev.backstop.tests.attack;

import static dev.backstop.tests.attack.Forgery.account;
import static dev.backstop.tests.attack.Forgery.deliver;
import static dev.backstop.tests.attack.Forgery.detail;
import static dev.backstop.tests.attack.Forgery.enforce;
import static dev.backstop.tests.attack.Forgery.enforceAtHome;
import static dev.backstop.tests.attack.Forgery.event;
import static dev.backstop.tests.attack.Forgery.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.testing.SampleEvents;
import dev.backstop.tests.Emulators;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Attacks on where an event says it comes from: a forged or re-wrapped event (a direct invocation
 * of a function, or a custom event a bus rule admits) must not steer Backstop into another account,
 * pass for another service's call, outrank the real history with a date to come, or name an item of
 * the audit table that is not a decision. Each is REJECTED before anything is recorded or changed.
 */
class ProvenanceAttackIT {

    private static final String STRANGER = "999999999999";

    private static DemoWorld world;
    private static IamClient iam;
    private static CloudTrailClient cloudTrail;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        var http = UrlConnectionHttpClient.create();
        var credentials = EnvironmentVariableCredentialsProvider.create();
        var region = new DefaultAwsRegionProviderChain().getRegion();
        iam = AwsClientsModule.build(IamClient.builder(), http, credentials, region);
        cloudTrail = AwsClientsModule.build(CloudTrailClient.builder(), http, credentials, region);
    }

    private static ObjectNode stopLogging(Stage stage) {
        return event("cloudtrail/stop-logging.json", stage, Map.of(),
                e -> request(e).put("name", stage.trailArn()));
    }

    @Test
    void aStrangersEventWrappedAsTheHomeAccountsRecipientIsRejectedNotActedOn() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-wrap"));
        world.stopLogging(stage);
        ObjectNode forged = stopLogging(stage);
        forged.put("account", STRANGER);

        JsonNode decision = deliver(enforceAtHome(stage), forged);

        assertThat(decision.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(decision.path("reason").asText()).contains("the envelope says account " + STRANGER,
                "detail.recipientAccountId says " + account(stage));
        assertThat(world.isLogging(stage)).as("nothing acted in the home account").isFalse();
    }

    @Test
    void aTwentyDigitAccountNumberThatWrapsToTheHomeAccountIsRejected() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-wrap64"));
        world.stopLogging(stage);
        ObjectNode forged = stopLogging(stage);
        // 2^64 + the home account: narrowed to a long, it is the home account.
        forged.put("account", BigInteger.TWO.pow(64).add(new BigInteger(account(stage))));
        detail(forged).remove("recipientAccountId");

        JsonNode decision = deliver(enforceAtHome(stage), forged);

        assertThat(decision.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(decision.path("reason").asText()).contains("account: expected a 12-digit account id");
        assertThat(world.isLogging(stage)).isFalse();
    }

    /**
     * A custom event put on the bus ({@code source} of the attacker's choosing) reaches a function
     * whose bus rule names no source, as the shipped access-key-use rule did; the team's copy of the
     * shipped rule names no source either. The key it names stays active.
     */
    @Test
    void aCustomEventDressedAsAnAccessKeyUseCannotDeactivateTheKey() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-src"));
        String user = Forgery.unique("builder");
        iam.createUser(request -> request.userName(user));
        AccessKey key = iam.createAccessKey(request -> request.userName(user)).accessKey();
        Settings settings = Forgery.withRules(world, stage, Forgery.TEAM_KEY_RULE);
        ObjectNode forged = event("iam/access-key-from-unexpected-network.json", stage,
                Map.of("build-bot", user, "AKIA4EXAMPLEBUILDBOT", key.accessKeyId()), e -> e.put("source", "attacker.tools"));

        JsonNode decision = deliver(settings, forged);

        assertThat(decision.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(decision.path("reason").asText()).contains("source: expected \"aws.iam\"");
        assertThat(status(user, key.accessKeyId())).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void anEventDatedNextYearIsRejectedSoItCannotOutrankTheRealHistory() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-future"));
        String bucket = stage.trailName() + "-future";
        world.s3().createBucket(request -> request.bucket(bucket));
        String nextYear = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode forged = event("s3/put-bucket-policy.json", stage, Map.of("acme-reports", bucket), e -> {
            e.put("time", nextYear);
            detail(e).put("eventTime", nextYear);
        });

        JsonNode decision = deliver(enforce(stage), forged);

        assertThat(world.auditItem(stage, "policy#arn:aws:s3:::" + bucket)).as("no policy history").isEmpty();
        assertThat(decision.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(decision.path("reason").asText()).contains("dated " + nextYear);
    }

    /**
     * An event id that is the key of a trail's snapshot would put a decision where the snapshot
     * goes, and no snapshot could ever replace it: the deleted trail could not be recreated.
     */
    @Test
    void anEventIdNamingATrailSnapshotCannotStopTheTrailBeingRecreated() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-squat"));
        Settings settings = enforce(stage);
        ObjectNode squatting = stopLogging(stage);
        detail(squatting).put("eventID", "trail#" + stage.trailArn());

        JsonNode squat = deliver(settings, squatting);
        JsonNode snapshot = deliver(settings, event("cloudtrail/update-trail-benign.json", stage, Map.of(),
                e -> request(e).put("name", stage.trailName())));
        cloudTrail.deleteTrail(request -> request.name(stage.trailName()));
        JsonNode recreated = deliver(settings, event("cloudtrail/delete-trail.json", stage, Map.of(),
                e -> request(e).put("name", stage.trailArn())));

        assertThat(snapshot.path("outcome").asText()).isEqualTo("NO_MATCH");
        assertThat(recreated.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(trailExists(stage)).isTrue();
        assertThat(squat.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(squat.path("reason").asText()).contains("detail.eventID: expected CloudTrail's event id");
    }

    @Test
    void anAlarmOfAStrangersAccountDeliveredInTheHomeAccountsNameIsRejected() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-alarm"));
        ObjectNode alarm = SampleEvents.read("alarms/eventbridge-ec2-cpu.json");
        String arn = "arn:aws:cloudwatch:us-east-1:" + STRANGER + ":alarm:ServerCpuTooHigh";
        alarm.put("account", account(stage)).put("time", Instant.now().toString());
        alarm.putArray("resources").add(arn);
        ((ObjectNode) alarm.get("detail").get("state")).put("value", "OK").put("timestamp", Instant.now().toString());
        BackstopComponent backstop = BackstopComponent.factory().create(enforceAtHome(stage), Clock.systemUTC());

        List<AuditRecord> decisions = backstop.engine().handle(new AlarmPayloadParser()
                .deliveries(alarm.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(decisions).singleElement().satisfies(decision -> {
            assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(decision.reason()).contains("the alarm's ARN names account " + STRANGER);
        });
    }

    private static StatusType status(String user, String keyId) {
        return iam.listAccessKeys(request -> request.userName(user)).accessKeyMetadata().stream()
                .filter(key -> key.accessKeyId().equals(keyId)).findFirst().orElseThrow().status();
    }

    private static boolean trailExists(Stage stage) {
        try {
            cloudTrail.getTrail(request -> request.name(stage.trailName()));
            return true;
        } catch (TrailNotFoundException gone) {
            return false;
        }
    }
}
