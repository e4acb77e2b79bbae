package dev.backstop.tests.attack;

import static dev.backstop.tests.attack.Forgery.deliver;
import static dev.backstop.tests.attack.Forgery.enforce;
import static dev.backstop.tests.attack.Forgery.event;
import static dev.backstop.tests.attack.Forgery.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.config.BreakerLimits;
import dev.backstop.tests.Emulators;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Attacks that use the breakers as a switch: a caller who stops the same trail again and again
 * until the flapping breaker trips, so that the trail would stay off. The trail rules restore the
 * account's eyes, so they act past an open breaker; the breaker's trip is audited and notified,
 * and the caller who keeps undoing the fix is quarantined (the rule's {@code escalate}).
 */
class BreakerAttackIT {

    private static DemoWorld world;
    private static IamClient iam;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        iam = AwsClientsModule.build(IamClient.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), new DefaultAwsRegionProviderChain().getRegion());
    }

    @Test
    void stoppingATrailOverAndOverCannotTripItsBreakerIntoLeavingItOffAndTheCallerIsQuarantined() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-flap"));
        String caller = Forgery.unique("DeveloperAccess");
        iam.createRole(request -> request.roleName(caller).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));
        // The flapping breaker trips past two remediations of the trail in an hour.
        BackstopComponent backstop = BackstopComponent.factory().create(enforce(stage).withBreakerLimits(
                new BreakerLimits(10_000, 10_000, Duration.ofDays(1), 2, Duration.ofHours(1))), Clock.systemUTC());

        List<JsonNode> decisions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            world.stopLogging(stage);
            decisions.add(deliver(backstop, event("cloudtrail/stop-logging.json", stage,
                    Map.of("DeveloperAccess", caller), e -> request(e).put("name", stage.trailArn()))));
            assertThat(world.isLogging(stage)).as("the trail logs again after stop " + (i + 1)).isTrue();
        }

        assertThat(decisions).extracting(decision -> decision.path("outcome").asText()).containsOnly("REMEDIATED");
        List<JsonNode> third = actions(stage, decisions.get(2));
        assertThat(third.get(0).path("action").asText()).isEqualTo("cloudtrail.start-logging");
        assertThat(third.get(0).path("detail").asText()).contains("acted past the flapping breaker of resource "
                + stage.trailArn(), "as it restores the account's eyes and doors");
        assertThat(third.get(1).path("action").asText()).isEqualTo("iam.quarantine-principal");
        assertThat(third.get(1).path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(third.get(1).path("detail").asText()).startsWith("escalated, as the flapping breaker of resource "
                + stage.trailArn() + " counted 3 in its window");
        assertThat(iam.getRolePolicy(request -> request.roleName(caller).policyName("BackstopQuarantine"))
                .policyDocument()).isNotBlank();
        // The fourth finds the caller contained already.
        assertThat(actions(stage, decisions.get(3)).get(1).path("outcome").asText()).isEqualTo("ALREADY_COMPLIANT");

        List<Map<String, AttributeValue>> trips = world.auditItems(stage).stream()
                .filter(item -> item.get("auditId").s().startsWith("breaker-record#breaker#resource#"))
                .toList();
        assertThat(trips).singleElement().satisfies(trip -> {
            assertThat(trip.get("outcome").s()).isEqualTo(Outcome.BREAKER_TRIPPED.name());
            assertThat(trip.get("reason").s()).contains("more than 2 remediations of the resource within 1 hour",
                    "rule cloudtrail-logging-stopped on " + stage.trailArn());
            assertThat(trip.get("notification").s()).isEqualTo("sent");
        });
    }

    @Test
    void aTrippedRuleBreakerIsCountedPerAccountSoOneAccountsEventsCannotHoldTheRuleBackElsewhere() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-rule"));
        BackstopComponent backstop = BackstopComponent.factory().create(enforce(stage).withBreakerLimits(
                new BreakerLimits(10_000, 1, Duration.ofDays(1), 10, Duration.ofHours(1))), Clock.systemUTC());
        Stage second = world.withTrail(stage, stage.trailName() + "-2");

        world.stopLogging(stage);
        world.stopLogging(second);
        deliver(backstop, event("cloudtrail/stop-logging.json", stage, Map.of(),
                e -> request(e).put("name", stage.trailArn())));
        deliver(backstop, event("cloudtrail/stop-logging.json", stage, Map.of(),
                e -> request(e).put("name", second.trailArn())));

        assertThat(world.auditItem(stage, "breaker#rule#" + Forgery.account(stage) + "/cloudtrail-logging-stopped"))
                .hasValueSatisfying(breaker -> assertThat(breaker).containsKey("trippedAt"));
        assertThat(world.auditItem(stage, "breaker#rule#cloudtrail-logging-stopped")).isEmpty();
        assertThat(world.isLogging(second)).as("the rule restores eyes: it acts past its own breaker").isTrue();
    }

    private static List<JsonNode> actions(Stage stage, JsonNode decision) {
        String actions = world.auditItem(stage, decision.path("auditId").asText()).orElseThrow().get("actions").s();
        List<JsonNode> all = new ArrayList<>();
        Forgery.json(actions).forEach(all::add);
        return all;
    }
}
