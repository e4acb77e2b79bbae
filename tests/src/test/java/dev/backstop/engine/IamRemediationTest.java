package dev.backstop.engine;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.edited;
import static dev.backstop.testing.TestDeliveries.apiCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.iam.IamActionsModule;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleSource;
import dev.backstop.rules.RuleText;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeIam;
import dev.backstop.testing.FakeSns;
import dev.backstop.testing.TestRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.inject.Singleton;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The IAM rules through the engine with IAM faked at the SDK edge: protected principals are
 * refused and audited, refusals say why, and a call from an expected network is no match.
 */
class IamRemediationTest {

    @Singleton
    @Component(modules = {EngineModule.class, IamActionsModule.class, NoStsModule.class, TeamworkFakesModule.class, HomeRegionModule.class})
    interface IamComponent {

        RemediationEngine engine();

        UndoService undo();

        @Component.Factory
        interface Factory {
            IamComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock,
                    @BindsInstance RuleSource rules, @BindsInstance IamClient iam,
                    @BindsInstance DynamoDbClient dynamoDb, @BindsInstance SnsClient sns);
        }
    }

    private static final Instant NOW = Instant.parse("2026-11-20T10:25:12Z");
    /** A team file that turns the network check on for the office's networks, as docs/actions/iam.md says. */
    private static final RuleText TEAM = new RuleText("team.yaml", """
            version: 1
            rules:
              - id: team-key-network
                description: Keys are used from the office only.
                severity: high
                mode: enforce
                match:
                  detail-type: [AWS API Call via CloudTrail]
                  detail:
                    userIdentity:
                      accessKeyId: [{prefix: AKIA}]
                    sourceIPAddress: [{cidr: 0.0.0.0/0}, {cidr: "::/0"}]
                actions:
                  - action: iam.deactivate-access-key
                    params:
                      key: used
                      expectedNetworks: [198.51.100.0/24]
            """);

    // As IAM holds them after the samples' calls: the policies attached, the root user's key made by its call.
    private final FakeIam iam = new FakeIam().user("mallory").role("data-pipeline").role("ci-deployer")
            .attached("role", "data-pipeline", "arn:aws:iam::aws:policy/AdministratorAccess")
            .accessKey("build-bot", "AKIA4EXAMPLEBUILDBOT", StatusType.ACTIVE)
            .accessKey("build-bot", "AKIA4EXAMPLENEWKEY01", StatusType.ACTIVE, Instant.parse("2026-11-20T10:02:17Z"));
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final FakeSns sns = new FakeSns();

    private IamComponent component(String... protectedPrincipals) {
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE,
                List.of(protectedPrincipals));
        RuleBook rules = TestRules.loader(NOW).load(TestRules.withDefaultPack(TEAM));
        return DaggerIamRemediationTest_IamComponent.factory()
                .create(settings, Clock.fixed(NOW, ZoneOffset.UTC), () -> rules, iam, dynamoDb, sns);
    }

    @Test
    void aProtectedTargetIsRefusedAndAuditedWhileTheRestRuns() {
        AuditRecord decision = component("arn:aws:iam::123456789012:role/data-pipeline")
                .engine().handle(apiCall(edited("iam/attach-role-policy-admin.json", e -> { })));

        assertThat(decision.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(decision.actions()).extracting(ActionResult::action, ActionResult::outcome).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("iam.quarantine-principal", Outcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("iam.revoke-role-sessions", Outcome.REMEDIATED));
        ActionResult refused = result(decision, "iam.quarantine-principal");
        assertThat(refused.detail()).startsWith("refused: protected principal arn:aws:iam::123456789012:role/data-pipeline");
        assertThat(refused.resource()).isEqualTo("arn:aws:iam::123456789012:role/data-pipeline");
        assertThat(refused.undo()).isEmpty();
        assertThat(iam.rolePolicy("data-pipeline", "BackstopQuarantine")).isNull();
        assertThat(iam.calls()).containsExactly("PutRolePolicy ci-deployer");
        assertThat(sns.published()).singleElement()
                .satisfies(message -> assertThat(message.subject()).isEqualTo("Backstop FAILED: AttachRolePolicy"));
    }

    @Test
    void theRootUsersOwnKeyIsRefusedSayingWhoCanDeactivateIt() {
        AuditRecord decision = component().engine().handle(apiCall(edited("iam/create-access-key-by-root.json", e -> {
            detail(e).putNull("requestParameters");
            ((ObjectNode) detail(e).at("/responseElements/accessKey")).remove("userName");
        })));

        ActionResult refused = result(decision, "iam.deactivate-access-key");
        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.resource()).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(refused.detail()).startsWith("refused: access key AKIA4EXAMPLENEWKEY01 belongs to the account root user");
        assertThat(iam.calls()).isEmpty();
    }

    @Test
    void aKeyUsedFromAnExpectedNetworkIsNoMatchAndNotNotified() {
        AuditRecord decision = component().engine().handle(apiCall(edited("iam/access-key-from-unexpected-network.json",
                e -> detail(e).put("sourceIPAddress", "198.51.100.44"))));

        assertThat(decision.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(sns.published()).isEmpty();
        assertThat(iam.keyStatus("build-bot", "AKIA4EXAMPLEBUILDBOT")).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void aKeyUsedFromElsewhereIsDeactivatedAndAnOperatorCanUndoIt() {
        IamComponent component = component();
        AuditRecord decision = component.engine().handle(apiCall(edited("iam/access-key-from-unexpected-network.json", e -> { })));

        assertThat(decision.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(decision.reason()).isEqualTo("matched team-key-network");
        assertThat(iam.keyStatus("build-bot", "AKIA4EXAMPLEBUILDBOT")).isEqualTo(StatusType.INACTIVE);

        AuditRecord undone = component.undo().undo(decision.auditId(), "alice");

        assertThat(undone.outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(iam.keyStatus("build-bot", "AKIA4EXAMPLEBUILDBOT")).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void aDisabledConsolePasswordIsRefusedForUndoBeforeAnythingRuns() {
        iam.loginProfile("carol", false);
        IamComponent component = component();
        AuditRecord decision = component.engine().handle(apiCall(edited("iam/console-login-without-mfa.json", e -> { })));

        assertThat(decision.outcome()).isEqualTo(Outcome.REMEDIATED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> component.undo().plan(decision.auditId()))
                .isInstanceOf(UndoException.class)
                .hasMessageContaining("iam.disable-console-access on arn:aws:iam::123456789012:user/carol cannot be undone");
        assertThat(iam.hasLoginProfile("carol")).isFalse();
    }

    private static ActionResult result(AuditRecord decision, String action) {
        return decision.actions().stream().filter(result -> result.action().equals(action)).findFirst().orElseThrow();
    }
}
