package dev.backstop.engine;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.edited;
import static dev.backstop.testing.TestDeliveries.apiCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.FakeSns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Events from several accounts: the home account's and the allowlist's are decided, any other
 * account's is rejected and audited before anything looks at it, and Backstop's own member-role
 * sessions are only audited. (Which credentials each call signs with: {@code MemberAccountsTest}.)
 */
class MemberAccountEventsTest {

    private static final String HOME = "999999999999";
    /** The account of the sample StopLogging event. */
    private static final String SAMPLE_ACCOUNT = "123456789012";
    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";
    private static final String EVENT_ID = "c9e5a1d7-3f2b-4e8a-b6c4-0d1e2f3a4b5c";
    private static final String DECISION = "decision#" + EVENT_ID;
    private static final Instant NOW = Instant.parse("2026-11-20T09:21:42Z");

    private final FakeCloudTrail cloudTrail = new FakeCloudTrail().trail(TRAIL, false);
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final FakeSns sns = new FakeSns();

    private RemediationEngine engine(String home, String... members) {
        MemberAccess access = new MemberAccess(Optional.of(home), Set.of(members), Optional.of("BackstopRemediation"),
                Optional.empty());
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:" + HOME + ":backstop", Mode.ENFORCE, List.of())
                .withMembers(access);
        return DaggerTestComponent.factory()
                .create(settings, Clock.fixed(NOW, ZoneOffset.UTC), cloudTrail, dynamoDb, sns, Region.US_EAST_1,
                        new FakeS3())
                .engine();
    }

    private static byte[] stopLogging(Consumer<ObjectNode> edit) {
        return edited("cloudtrail/stop-logging.json", edit);
    }

    /** The sample as Backstop's own session of the member role would have made it. */
    private static void byBackstopsSession(ObjectNode event, String roleName, String sessionName) {
        ObjectNode identity = (ObjectNode) detail(event).get("userIdentity");
        identity.put("arn", "arn:aws:sts::" + SAMPLE_ACCOUNT + ":assumed-role/" + roleName + "/" + sessionName);
        ((ObjectNode) identity.at("/sessionContext/sessionIssuer")).put("arn",
                "arn:aws:iam::" + SAMPLE_ACCOUNT + ":role/" + roleName);
    }

    @Test
    void anEventFromAnAccountNotOnTheAllowlistIsRejectedAuditedAndNeverActedOn() {
        AuditRecord decision = engine(HOME, "111122223333").handle(apiCall(stopLogging(e -> { })));

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reason()).isEqualTo("account 123456789012 is not on the allowlist (AllowedAccounts):"
                + " its events are never acted on");
        assertThat(decision.actions()).isEmpty();
        assertThat(cloudTrail.startLoggingCalls()).isZero();
        assertThat(dynamoDb.attribute(DECISION, "outcome")).isEqualTo("REJECTED");
        assertThat(dynamoDb.attribute(DECISION, "account")).isEqualTo(SAMPLE_ACCOUNT);
    }

    @Test
    void aStrangersFailedCallIsRejectedTooNotMerelyIgnored() {
        AuditRecord decision = engine(HOME).handle(apiCall(edited("cloudtrail/stop-logging-denied.json", e -> { })));

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reason()).startsWith("account 123456789012 is not on the allowlist");
    }

    @Test
    void anEventFromAnAllowedMemberAccountIsActedOn() {
        AuditRecord decision = engine(HOME, SAMPLE_ACCOUNT).handle(apiCall(stopLogging(e -> { })));

        assertThat(decision.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(cloudTrail.isLogging(TRAIL)).isTrue();
    }

    @Test
    void theHomeAccountIsAlwaysAllowed() {
        AuditRecord decision = engine(SAMPLE_ACCOUNT).handle(apiCall(stopLogging(e -> { })));

        assertThat(decision.outcome()).isEqualTo(Outcome.REMEDIATED);
    }

    @Test
    void callsMadeByBackstopsOwnMemberRoleSessionAreOnlyAudited() {
        AuditRecord decision = engine(HOME, SAMPLE_ACCOUNT)
                .handle(apiCall(stopLogging(e -> byBackstopsSession(e, "BackstopRemediation", "backstop-remediation"))));

        assertThat(decision.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(decision.reason()).isEqualTo("made by Backstop's own principal");
        assertThat(cloudTrail.startLoggingCalls()).isZero();
        assertThat(dynamoDb.attribute(DECISION, "outcome")).isEqualTo("IGNORED");
    }

    @Test
    void anotherSessionNameOnTheMemberRoleIsNotBackstops() {
        AuditRecord decision = engine(HOME, SAMPLE_ACCOUNT)
                .handle(apiCall(stopLogging(e -> byBackstopsSession(e, "BackstopRemediation", "someone-else"))));

        assertThat(decision.outcome()).isEqualTo(Outcome.REMEDIATED);
    }

    @Test
    void aCallAnOperatorMadeThroughTheMemberRoleIsDecidedLikeAnyonesNotIgnored() {
        // The session name ./backstop undo and selfcheck assume the member role with.
        String operatorSession = new MemberAccess(Optional.of(HOME), Set.of(SAMPLE_ACCOUNT),
                Optional.of("BackstopRemediation"), Optional.empty()).operator("alice").sessionName();
        AuditRecord decision = engine(HOME, SAMPLE_ACCOUNT)
                .handle(apiCall(stopLogging(e -> byBackstopsSession(e, "BackstopRemediation", operatorSession))));

        assertThat(operatorSession).isEqualTo("backstop-operator-alice");
        assertThat(decision.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(cloudTrail.isLogging(TRAIL)).isTrue();
    }
}
