package dev.backstop.tests.attack;

import static dev.backstop.tests.attack.Forgery.account;
import static dev.backstop.tests.attack.Forgery.deliver;
import static dev.backstop.tests.attack.Forgery.event;
import static dev.backstop.tests.attack.Forgery.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Notification;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.tests.Emulators;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attacks by whoever holds a protected principal (ProtectedPrincipalArns: a break-glass role, the
 * CI role). Backstop never changes such a principal, and so never acts on its calls; but it must
 * not look away either: a call a rule matches is audited and notified as PROTECTED, with who made
 * it, while only Backstop's own roles' calls are audited without a word.
 */
class ProtectedPrincipalAttackIT {

    private static DemoWorld world;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
    }

    /** Enforce mode, with one of the stage's account's roles protected and another Backstop's own. */
    private static Settings protecting(Stage stage, String breakGlass, String backstopRole) {
        return new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE,
                List.of("arn:aws:iam::" + account(stage) + ":role/" + backstopRole))
                .withProtectedPrincipals(List.of("arn:aws:iam::" + account(stage) + ":role/" + breakGlass));
    }

    @Test
    void aProtectedBreakGlassRoleThatStopsLoggingIsNotifiedAsProtectedAndTheTrailIsLeftAsItIs() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-prot"));
        String breakGlass = Forgery.unique("BreakGlass");
        world.stopLogging(stage);

        JsonNode decision = deliver(protecting(stage, breakGlass, Forgery.unique("backstop-CloudTrailFunctionRole")),
                event("cloudtrail/stop-logging.json", stage, Map.of("DeveloperAccess", breakGlass),
                        e -> request(e).put("name", stage.trailArn())));

        String caller = "arn:aws:sts::" + account(stage) + ":assumed-role/" + breakGlass + "/mallory";
        assertThat(decision.path("outcome").asText()).isEqualTo("PROTECTED");
        assertThat(world.isLogging(stage)).as("Backstop never acts on a protected principal's call").isFalse();
        Map<String, AttributeValue> record = world.auditItem(stage, decision.path("auditId").asText()).orElseThrow();
        assertThat(record.get("outcome").s()).isEqualTo("PROTECTED");
        assertThat(record.get("principal").s()).isEqualTo(caller);
        assertThat(record.get("notification").s()).isEqualTo("sent");
        JsonNode action = Forgery.json(record.get("actions").s()).get(0);
        assertThat(action.path("action").asText()).isEqualTo("cloudtrail.start-logging");
        assertThat(action.path("outcome").asText()).isEqualTo("PROTECTED");
        assertThat(action.path("undo").isEmpty()).isTrue();
        List<Notification> notifications = world.notifications(stage, 1, Duration.ofSeconds(15));
        assertThat(notifications).singleElement().satisfies(notification -> {
            assertThat(notification.subject()).isEqualTo("Backstop PROTECTED: StopLogging");
            assertThat(notification.message()).contains("StopLogging by " + caller,
                    "Protected principal, did not run cloudtrail.start-logging",
                    "made by protected principal " + caller + " (ProtectedPrincipalArns): Backstop does not act on a"
                            + " protected principal's calls");
        });
    }

    @Test
    void onlyBackstopsOwnRoleIsHeardInSilenceNotAProtectedPrincipalBesideIt() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-own"));
        String breakGlass = Forgery.unique("BreakGlass");
        String backstopRole = Forgery.unique("backstop-CloudTrailFunctionRole");
        Settings settings = protecting(stage, breakGlass, backstopRole);
        world.stopLogging(stage);

        JsonNode own = deliver(settings, event("cloudtrail/stop-logging.json", stage, Map.of("DeveloperAccess", backstopRole),
                e -> request(e).put("name", stage.trailArn())));
        JsonNode guarded = deliver(settings, event("cloudtrail/stop-logging.json", stage, Map.of("DeveloperAccess", breakGlass),
                e -> request(e).put("name", stage.trailArn())));

        assertThat(own.path("outcome").asText()).isEqualTo("IGNORED");
        assertThat(own.path("reason").asText()).isEqualTo("made by Backstop's own principal");
        assertThat(world.auditItem(stage, own.path("auditId").asText()).orElseThrow()).doesNotContainKey("notification");
        assertThat(guarded.path("outcome").asText()).isEqualTo("PROTECTED");
        assertThat(world.notifications(stage, 1, Duration.ofSeconds(15))).singleElement()
                .satisfies(notification -> assertThat(notification.subject()).isEqualTo("Backstop PROTECTED: StopLogging"));
        assertThat(world.isLogging(stage)).isFalse();
    }
}
