package dev.backstop.tests.attack;

import static dev.backstop.tests.attack.Forgery.deliver;
import static dev.backstop.tests.attack.Forgery.detail;
import static dev.backstop.tests.attack.Forgery.enforce;
import static dev.backstop.tests.attack.Forgery.event;
import static dev.backstop.tests.attack.Forgery.json;
import static dev.backstop.tests.attack.Forgery.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.RemediationAction;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmMetric;
import dev.backstop.rules.ActionSpec;
import dev.backstop.tests.Emulators;
import dev.backstop.tests.MotoFunctions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Attacks on the history Backstop acts on later. A forged event that says a policy was set or an
 * alias moved must not plant what a later restore writes or where a rollback goes: what Backstop
 * records is read back from AWS when the event arrives.
 */
class HistoryAttackIT {

    private static final String ATTACKER = "999999999999";

    private static DemoWorld world;
    private static Region region;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        region = new DefaultAwsRegionProviderChain().getRegion();
    }

    @Test
    void aForgedPutBucketPolicyCannotPlantThePolicyARestoreWrites() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-policy"));
        Settings settings = enforce(stage);
        String bucket = stage.trailName() + "-data";
        world.s3().createBucket(request -> request.bucket(bucket));
        String team = grant(bucket, Forgery.account(stage));
        world.s3().putBucketPolicy(request -> request.bucket(bucket).policy(team));
        deliver(settings, putBucketPolicy(stage, bucket, team));
        // Nobody calls S3: the attacker's event only says the bucket now grants their account everything.
        ObjectNode forged = putBucketPolicy(stage, bucket, grant(bucket, ATTACKER));

        JsonNode planted = deliver(settings, forged);
        world.s3().deleteBucketPolicy(request -> request.bucket(bucket));
        JsonNode restored = deliver(settings, event("s3/delete-bucket-policy.json", stage, Map.of("acme-reports", bucket),
                e -> { }));

        // The outside-account rule matches what the event claims; its action reads the bucket and finds no outsider.
        assertThat(planted.path("outcome").asText()).as("the policy S3 holds grants no outsider")
                .isEqualTo("ALREADY_COMPLIANT");
        assertThat(restored.path("outcome").asText()).isEqualTo("REMEDIATED");
        String policy = world.s3().getBucketPolicy(request -> request.bucket(bucket)).policy();
        assertThat(policy).doesNotContain(ATTACKER);
        assertThat(json(policy)).isEqualTo(json(team));
    }

    @Test
    void aForgedUpdateAliasCannotPlantTheVersionARollbackMovesTo() {
        String prefix = Emulators.uniquePrefix("atk-alias");
        Stage stage = world.build(prefix);
        Settings settings = enforce(stage);
        MotoFunctions functions = new MotoFunctions(region);
        LambdaClient lambda = functions.client();
        String function = prefix + "-api";
        String account = functions.create(function).split(":")[4];
        String v1 = functions.publish(function);
        lambda.updateFunctionCode(request -> request.functionName(function).zipFile(MotoFunctions.code("release 2")));
        String v2 = functions.publish(function);
        lambda.updateFunctionCode(request -> request.functionName(function).zipFile(MotoFunctions.code("release 3")));
        String v3 = functions.publish(function);
        lambda.createAlias(request -> request.functionName(function).name("live").functionVersion(v2));
        deliver(settings, aliasMoved("create-alias.json", function, account, v2));
        lambda.updateAlias(request -> request.functionName(function).name("live").functionVersion(v3));
        deliver(settings, aliasMoved("update-alias.json", function, account, v3));
        // Never called: the attacker's events say the alias went to the old release 1 and then to 3.
        deliver(settings, aliasMoved("update-alias.json", function, account, v1));
        deliver(settings, aliasMoved("update-alias.json", function, account, v3));

        BackstopComponent backstop = BackstopComponent.factory().create(settings, Clock.systemUTC());
        RemediationAction rollback = backstop.actions().get("lambda.rollback-alias").get();
        ActionPlan plan = rollback.plan(alarm(function, account), new ActionSpec("lambda.rollback-alias", Map.of()));

        assertThat(plan.change()).contains("from version " + v3 + " to " + v2 + ":").doesNotContain("to " + v1 + ":");
    }

    private static ObjectNode putBucketPolicy(Stage stage, String bucket, String policy) {
        return event("s3/put-bucket-policy.json", stage, Map.of("acme-reports", bucket),
                e -> request(e).set("bucketPolicy", json(policy)));
    }

    /** A policy that lets one account read and write everything in the bucket. */
    private static String grant(String bucket, String account) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Account" + account + "\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"s3:*\",\"Resource\":"
                + "[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"]}]}";
    }

    /** A CreateAlias or UpdateAlias sample saying {@code live} went to the version. */
    private static ObjectNode aliasMoved(String sample, String function, String account, String version) {
        return event("lambda/" + sample, account, region.id(), Map.of("checkout-api", function), e -> {
            request(e).put("functionVersion", version);
            ((ObjectNode) detail(e).get("responseElements")).put("functionVersion", version);
        });
    }

    private static AlarmEvent alarm(String function, String account) {
        String arn = "arn:aws:cloudwatch:" + region.id() + ":" + account + ":alarm:" + function + " errors";
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new AlarmEvent(arn + "#" + time, function + " errors", arn, account, region.id(), "ALARM", "OK",
                "Threshold Crossed", null, time, List.of(new AlarmMetric(null, "AWS/Lambda", "Errors",
                        Map.of("FunctionName", function), "Sum", 60, null)),
                null, 5.0, "GreaterThanThreshold", JsonNodeFactory.instance.objectNode());
    }
}
