package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.handlers.cloudtrail.CloudTrailHandler;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Events from other accounts through the real handler and SDK clients on the emulators. LocalStack
 * keeps one IAM per account: a 12-digit access key id acts in that account, and the credentials its
 * STS AssumeRole issues act in the role's account (it does not evaluate the trust policy). So a
 * key deactivated in the member account's IAM shows that Backstop acted there through the member
 * role it assumed, while the audit record stays in the home account's table.
 */
class CrossAccountIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_ACCOUNT = "123456789012";
    private static final String ROLE = "BackstopRemediation";

    private static DemoWorld world;
    private static Stage stage;
    private static String home;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        stage = world.build(Emulators.uniquePrefix("xacct"));
        home = stage.trailArn().split(":")[4];
    }

    /** A fresh account of this run's own (LocalStack creates an account on its first call). */
    private static String newAccount() {
        return "7" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
    }

    /** IAM as a principal of that account: LocalStack takes a 12-digit access key id as the account. */
    private static IamClient iamIn(String account) {
        return AwsClientsModule.build(IamClient.builder(), UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "test")),
                new DefaultAwsRegionProviderChain().getRegion());
    }

    private static Settings allowing(String... members) {
        MemberAccess access = new MemberAccess(Optional.of(home), Set.of(members), Optional.of(ROLE),
                Optional.of("backstop-it"));
        return new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of()).withMembers(access);
    }

    private record Created(IamClient iam, String user, AccessKey key) {

        StatusType status() {
            return iam.listAccessKeys(request -> request.userName(user)).accessKeyMetadata().stream()
                    .filter(k -> k.accessKeyId().equals(key.accessKeyId())).findFirst().orElseThrow().status();
        }
    }

    /** A user with a fresh access key in the account: the risky change of the sample event. */
    private static Created keyCreatedIn(String account) {
        IamClient iam = iamIn(account);
        String user = Emulators.uniquePrefix("member-bot");
        iam.createUser(request -> request.userName(user));
        return new Created(iam, user, iam.createAccessKey(request -> request.userName(user)).accessKey());
    }

    /** The root user's CreateAccessKey sample, as the account's trail recorded it, through the real handler. */
    private static JsonNode deliver(BackstopComponent component, String account, Created created) throws IOException {
        return deliver(component, account, created, event -> { });
    }

    private static JsonNode deliver(BackstopComponent component, String account, Created created,
            Consumer<ObjectNode> edit) throws IOException {
        String text = Files.readString(SampleEvents.path("iam/create-access-key-by-root.json"))
                .replace(SAMPLE_ACCOUNT, account)
                .replace("AKIA4EXAMPLENEWKEY01", created.key().accessKeyId())
                .replace("build-bot", created.user());
        ObjectNode event = (ObjectNode) JSON.readTree(text);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        event.put("id", UUID.randomUUID().toString()).put("time", now);
        ((ObjectNode) event.get("detail")).put("eventID", UUID.randomUUID().toString()).put("eventTime", now);
        edit.accept(event);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        new CloudTrailHandler(component).handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)),
                answer, new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    @Test
    void anEventFromAnAllowedMemberAccountIsActedOnThereThroughTheMemberRole() throws IOException {
        String member = newAccount();
        Created created = keyCreatedIn(member);
        iamIn(member).createRole(request -> request.roleName(ROLE).assumeRolePolicyDocument("{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + home
                + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        BackstopComponent component = BackstopComponent.factory().create(allowing(member), Clock.systemUTC());

        JsonNode decision = deliver(component, member, created);

        assertThat(decision.path("outcome").asText()).isEqualTo("REMEDIATED");
        // Only credentials of the member account can see, let alone change, this key.
        assertThat(created.status()).isEqualTo(StatusType.INACTIVE);
        Map<String, AttributeValue> record = world.auditItem(stage, decision.path("auditId").asText()).orElseThrow();
        assertThat(record.get("account").s()).isEqualTo(member);
        JsonNode action = JSON.readTree(record.get("actions").s()).get(0);
        assertThat(action.path("resource").asText()).isEqualTo("arn:aws:iam::" + member + ":user/" + created.user());

        // The operator's undo acts in the member account too.
        component.undo().plan(decision.path("auditId").asText());
        assertThat(component.undo().undo(decision.path("auditId").asText(), "xacct-it").outcome())
                .isEqualTo(Outcome.UNDONE);
        assertThat(created.status()).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void aCallMadeByBackstopsOwnSessionInAMemberIsOnlyAudited() throws IOException {
        String member = newAccount();
        Created created = keyCreatedIn(member);
        BackstopComponent component = BackstopComponent.factory().create(allowing(member), Clock.systemUTC());

        JsonNode decision = deliver(component, member, created, event -> {
            ObjectNode identity = (ObjectNode) event.at("/detail/userIdentity");
            identity.put("type", "AssumedRole")
                    .put("arn", "arn:aws:sts::" + member + ":assumed-role/" + ROLE + "/" + MemberAccess.SESSION_NAME);
            ((ObjectNode) identity.get("sessionContext")).putObject("sessionIssuer").put("type", "Role")
                    .put("arn", "arn:aws:iam::" + member + ":role/" + ROLE);
        });

        assertThat(decision.path("outcome").asText()).isEqualTo("IGNORED");
        assertThat(decision.path("reason").asText()).isEqualTo("made by Backstop's own principal");
        assertThat(created.status()).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void anEventFromAnAccountNotOnTheAllowlistIsRejectedAuditedAndNeverActedOn() throws IOException {
        String stranger = newAccount();
        Created created = keyCreatedIn(stranger);
        BackstopComponent component = BackstopComponent.factory().create(allowing(newAccount()), Clock.systemUTC());

        JsonNode decision = deliver(component, stranger, created);

        assertThat(decision.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(created.status()).isEqualTo(StatusType.ACTIVE);
        Map<String, AttributeValue> record = world.auditItem(stage, decision.path("auditId").asText()).orElseThrow();
        assertThat(record.get("outcome").s()).isEqualTo("REJECTED");
        assertThat(record.get("reason").s()).isEqualTo("account " + stranger
                + " is not on the allowlist (AllowedAccounts): its events are never acted on");
        assertThat(record.get("account").s()).isEqualTo(stranger);
    }
}
