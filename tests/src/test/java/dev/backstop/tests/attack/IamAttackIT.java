package dev.backstop.tests.attack;

import static dev.backstop.tests.attack.Forgery.deliver;
import static dev.backstop.tests.attack.Forgery.detail;
import static dev.backstop.tests.attack.Forgery.enforce;
import static dev.backstop.tests.attack.Forgery.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.tests.Emulators;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Attacks that steer an IAM action onto a principal with an event that is not true of it: a
 * forged grant to quarantine a role that was granted nothing (and revoke a bystander's sessions),
 * a forged "root created this key" to switch off a user's long-standing key, another user's key
 * passed off as the caller's, a forged sign-in without MFA to delete the password of a user who
 * has MFA. IAM is asked first; a claim that does not hold is refused, audited and notified.
 */
class IamAttackIT {

    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

    private static DemoWorld world;
    private static IamClient iam;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        iam = AwsClientsModule.build(IamClient.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), new DefaultAwsRegionProviderChain().getRegion());
    }

    @Test
    void aForgedGrantCannotQuarantineARoleThatWasGrantedNothingNorRevokeTheCallersSessions() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-grant"));
        String target = Forgery.unique("pipeline");
        String caller = Forgery.unique("deployer");
        createRole(target);
        createRole(caller);

        JsonNode decision = deliver(enforce(stage), event("iam/attach-role-policy-admin.json", stage,
                Map.of("data-pipeline", target, "ci-deployer", caller), e -> { }));

        assertThat(rolePolicy(target, "BackstopQuarantine")).as("the role is not quarantined").isEmpty();
        assertThat(rolePolicy(caller, "AWSRevokeOlderSessions")).as("the caller's sessions stand").isEmpty();
        assertThat(decision.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(actions(stage, decision)).allSatisfy(action -> {
            assertThat(action.path("outcome").asText()).isEqualTo("FAILED");
            assertThat(action.path("detail").asText()).contains("refused: the event says " + ADMIN
                    + " was attached to role " + target + ", but it is not attached now");
        });
    }

    @Test
    void aForgedRootKeyCreationCannotDeactivateAUsersLongStandingKey() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-rootkey"));
        String user = Forgery.unique("bot");
        iam.createUser(request -> request.userName(user));
        AccessKey key = iam.createAccessKey(request -> request.userName(user)).accessKey();
        // The attacker's event says the root user made the key an hour ago; IAM made it just now.
        String anHourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode forged = event("iam/create-access-key-by-root.json", stage,
                Map.of("build-bot", user, "AKIA4EXAMPLENEWKEY01", key.accessKeyId()), e -> {
                    e.put("time", anHourAgo);
                    detail(e).put("eventTime", anHourAgo);
                });

        JsonNode decision = deliver(enforce(stage), forged);

        assertThat(status(user, key.accessKeyId())).isEqualTo(StatusType.ACTIVE);
        assertThat(decision.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(actions(stage, decision).get(0).path("detail").asText())
                .contains("not by the call at " + anHourAgo + " the event reports");
    }

    @Test
    void anotherUsersKeyPassedOffAsTheCallersIsRefusedNamingItsOwnerNotReportedGone() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-keyof"));
        String caller = Forgery.unique("builder");
        String owner = Forgery.unique("payments");
        iam.createUser(request -> request.userName(caller));
        iam.createUser(request -> request.userName(owner));
        AccessKey key = iam.createAccessKey(request -> request.userName(owner)).accessKey();

        JsonNode decision = deliver(Forgery.withRules(world, stage, Forgery.TEAM_KEY_RULE), event(
                "iam/access-key-from-unexpected-network.json", stage,
                Map.of("build-bot", caller, "AKIA4EXAMPLEBUILDBOT", key.accessKeyId()), e -> { }));

        assertThat(status(owner, key.accessKeyId())).isEqualTo(StatusType.ACTIVE);
        assertThat(decision.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(actions(stage, decision).get(0).path("detail").asText()).isEqualTo("refused: access key "
                + key.accessKeyId() + " belongs to user " + owner + ", not to " + caller
                + " as the event says: the event does not describe this key");
    }

    @Test
    void aForgedSignInWithoutMfaCannotDeleteThePasswordOfAUserWithMfa() {
        Stage stage = world.build(Emulators.uniquePrefix("atk-mfa"));
        String user = Forgery.unique("carol");
        iam.createUser(request -> request.userName(user));
        iam.createLoginProfile(request -> request.userName(user).password("Aa1!" + UUID.randomUUID()));
        String serial = iam.createVirtualMFADevice(request -> request.virtualMFADeviceName(user)).virtualMFADevice()
                .serialNumber();
        iam.enableMFADevice(request -> request.userName(user).serialNumber(serial).authenticationCode1("123456")
                .authenticationCode2("654321"));

        JsonNode decision = deliver(enforce(stage), event("iam/console-login-without-mfa.json", stage,
                Map.of("carol", user), e -> { }));

        assertThat(iam.getLoginProfile(request -> request.userName(user)).loginProfile()).isNotNull();
        assertThat(decision.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(actions(stage, decision).get(0).path("detail").asText())
                .startsWith("refused: user " + user + " has an MFA device (" + serial + ")");
    }

    private static List<JsonNode> actions(Stage stage, JsonNode decision) {
        String actions = world.auditItem(stage, decision.path("auditId").asText()).orElseThrow().get("actions").s();
        List<JsonNode> all = new ArrayList<>();
        Forgery.json(actions).forEach(all::add);
        return all;
    }

    private static void createRole(String name) {
        iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));
    }

    private static Optional<String> rolePolicy(String role, String policyName) {
        try {
            return Optional.of(iam.getRolePolicy(request -> request.roleName(role).policyName(policyName))
                    .policyDocument());
        } catch (NoSuchEntityException absent) {
            return Optional.empty();
        }
    }

    private static StatusType status(String user, String keyId) {
        return iam.listAccessKeys(request -> request.userName(user)).accessKeyMetadata().stream()
                .filter(key -> key.accessKeyId().equals(keyId)).findFirst().orElseThrow().status();
    }
}
