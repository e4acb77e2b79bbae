package dev.backstop.action.iam;

import static dev.backstop.action.iam.IamSamples.TRUST_OUTSIDE;
import static dev.backstop.action.iam.IamSamples.event;
import static dev.backstop.action.iam.IamSamples.spec;
import static dev.backstop.testing.SampleEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.UndoFormat;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeIam;
import dev.backstop.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * iam.restore-trust-policy and the trust policy history it restores from, from the sample in
 * events/iam, against IAM and the audit table faked at their SDK edge.
 */
class RestoreTrustPolicyActionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "ci-deployer";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/ci-deployer";
    private static final ActionSpec SPEC = spec(RestoreTrustPolicyAction.NAME);
    private static final String CODEBUILD = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"codebuild.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String CODEBUILD_AND_PARTNER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Principal\":{\"Service\":\"codebuild.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"},"
            + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final FakeIam iam = new FakeIam().role(ROLE);
    private final Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE,
            List.of()).withTrusted(new TrustedSet(Optional.empty(), Set.of("444455556666")));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
    private final TrustPolicyHistory history = new TrustPolicyHistory(new FakeDynamoDb(), settings);
    private final CapturedTelemetry telemetry = new CapturedTelemetry();
    private final TrustPolicyRecorder recorder = new TrustPolicyRecorder(() -> new Principals(iam), history, settings,
            telemetry.telemetry(), clock);
    private final RestoreTrustPolicyAction action = new RestoreTrustPolicyAction(new Principals(iam), history, settings);

    /** The sample: a trust policy that adds account 999988887777 beside CodeBuild, as IAM then holds it. */
    private CloudTrailEvent outsiderTrusted() {
        CloudTrailEvent event = event(TRUST_OUTSIDE);
        iam.trust(ROLE, event.detail().requestParameters().path("policyDocument").asText());
        return event;
    }

    /** The role's trust policy set earlier by a call Backstop saw and recorded. */
    private void recordedEarlier(String document) {
        iam.trust(ROLE, document);
        recorder.observe(event(TRUST_OUTSIDE, e -> detail(e).put("eventID", "earlier")));
        clock.advance(java.time.Duration.ofMinutes(5));
    }

    @Test
    void putsBackTheLatestTrustPolicyBackstopReadThatLetNoOutsiderIn() throws Exception {
        recordedEarlier(CODEBUILD_AND_PARTNER);
        CloudTrailEvent event = outsiderTrusted();
        recorder.observe(event);
        ActionPlan plan = action.plan(event, SPEC);

        assertThat(plan.resource()).isEqualTo(ROLE_ARN);
        assertThat(plan.before().facts()).containsEntry("outsidePrincipals", "arn:aws:iam::999988887777:root");
        assertThat(plan.change()).isEqualTo("UpdateAssumeRolePolicy on " + ROLE_ARN + ": put back the trust policy"
                + " Backstop read at 2026-11-21T09:00:00Z (after earlier), which trusts no one outside");
        action.apply(plan);

        assertThat(JSON.readTree(iam.trust(ROLE))).isEqualTo(JSON.readTree(CODEBUILD_AND_PARTNER));
        assertThat(action.readBack(plan).compliant()).isTrue();
        assertThat(action.readBack(plan).facts()).containsEntry("outsidePrincipals", "none");
    }

    @Test
    void withoutHistoryRemovesTheOutsidePrincipalsAndKeepsTheRest() throws Exception {
        ActionPlan plan = action.plan(outsiderTrusted(), SPEC);
        action.apply(plan);

        assertThat(plan.change()).endsWith("remove the outside principals arn:aws:iam::999988887777:root (Backstop has"
                + " no earlier trust policy)");
        assertThat(JSON.readTree(iam.trust(ROLE)).path("Statement")).isEqualTo(JSON.readTree(CODEBUILD).path("Statement"));
    }

    @Test
    void removesOnlyTheOutsideAccountsOfAStatementThatNamesTrustedOnesToo() throws Exception {
        iam.trust(ROLE, "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::444455556666:root\","
                + "\"999988887777\"]},\"Action\":\"sts:AssumeRole\"}]}");

        action.apply(action.plan(event(TRUST_OUTSIDE), SPEC));

        assertThat(JSON.readTree(iam.trust(ROLE)).at("/Statement/0/Principal/AWS").asText())
                .isEqualTo("arn:aws:iam::444455556666:root");
    }

    @Test
    void undoPutsThePolicyFromBeforeBack() {
        ActionPlan plan = action.plan(outsiderTrusted(), SPEC);
        String before = iam.trust(ROLE);
        action.apply(plan);

        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(iam.trust(ROLE)).isEqualTo(before);
    }

    @Test
    void refusesWhenNothingButOutsidersIsTrustedAndThereIsNoHistory() {
        iam.trust(ROLE, "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}}");

        assertThatThrownBy(() -> action.plan(event(TRUST_OUTSIDE), SPEC)).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("a person must decide whom it trusts");
    }

    @Test
    void theRecorderKeepsAnOutsiderTrustingPolicyOutOfTheLatestTrusted() {
        recordedEarlier(CODEBUILD);
        CloudTrailEvent event = outsiderTrusted();

        recorder.observe(event);

        assertThat(history.latestTrusted(ROLE_ARN).orElseThrow().document()).isEqualTo(CODEBUILD);
        assertThat(history.latestTrusted("arn:aws:iam::123456789012:role/other")).isEmpty();
    }

    @Test
    void theRecorderRecordsThePolicyIamHoldsNotTheOneAForgedEventCarries() {
        iam.trust(ROLE, CODEBUILD_AND_PARTNER);
        // The event claims the role now trusts only CodeBuild; IAM says it trusts the partner too.
        recorder.observe(event(TRUST_OUTSIDE, e -> ((com.fasterxml.jackson.databind.node.ObjectNode) detail(e)
                .get("requestParameters")).put("policyDocument", CODEBUILD)));

        assertThat(history.latestTrusted(ROLE_ARN).orElseThrow().document()).isEqualTo(CODEBUILD_AND_PARTNER);
    }

    @Test
    void theRecorderCountsATrustPolicyChangeThatNamesNoRoleAsNotRecorded() {
        recorder.observe(event(TRUST_OUTSIDE, e -> ((com.fasterxml.jackson.databind.node.ObjectNode) detail(e)
                .get("requestParameters")).remove("roleName")));

        assertThat(history.latestTrusted(ROLE_ARN)).isEmpty();
        assertThat(iam.calls()).isEmpty();
        assertThat(telemetry.counted(TrustPolicyRecorder.NOT_RECORDED)).singleElement()
                .satisfies(line -> assertThat(line.path("history").asText()).isEqualTo("trust-policy"));
    }

    @Test
    void aPolicyTrustingNoOutsiderIsNoMatchAndAFixMadeMeanwhileIsKept() {
        assertThat(action.appliesTo(event(TRUST_OUTSIDE), SPEC)).isTrue();
        assertThat(action.appliesTo(event(TRUST_OUTSIDE, e -> ((com.fasterxml.jackson.databind.node.ObjectNode) detail(e)
                .get("requestParameters")).put("policyDocument", CODEBUILD_AND_PARTNER)), SPEC)).isFalse();
        ActionPlan plan = action.plan(outsiderTrusted(), SPEC);
        iam.trust(ROLE, CODEBUILD);

        action.apply(plan);

        assertThat(iam.calls()).isEmpty();
    }

    @Test
    void aDeletedRoleIsGone() {
        iam.trust(ROLE, CODEBUILD);
        FakeIam empty = new FakeIam();

        assertThat(new RestoreTrustPolicyAction(new Principals(empty), history, settings).plan(event(TRUST_OUTSIDE), SPEC)
                .before().exists()).isFalse();
    }
}
