package dev.backstop.action.s3;

import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET;
import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET_ARN;
import static dev.backstop.action.s3.S3Samples.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.s3.BucketPolicyHistory.RecordedPolicy;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeS3;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreBucketPolicyActionTest {

    private static final Instant NOW = Instant.parse("2026-11-20T11:17:55Z");
    private static final String KEPT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReportingRoleReads\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/Reporting\"},"
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acme-reports/*\"}]}";
    private static final ActionSpec NO_PARAMS = new ActionSpec(RestoreBucketPolicyAction.NAME, Map.of());

    private final FakeS3 s3 = new FakeS3().bucket(POLICY_BUCKET);
    private final FakePolicyTable table = new FakePolicyTable();
    private final BucketPolicyHistory history = new BucketPolicyHistory(table, S3Samples.SETTINGS);
    private final RestoreBucketPolicyAction action = new RestoreBucketPolicyAction(new Buckets(s3), history,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final CloudTrailEvent deleted = event("delete-bucket-policy.json");

    @Test
    void restoresTheRecordedPolicyAfterDelete() {
        history.record(POLICY_BUCKET_ARN, KEPT, Instant.parse("2026-11-20T10:02:29Z"), "event-1");

        ActionPlan plan = action.plan(deleted, NO_PARAMS);
        action.apply(plan);

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.resource()).isEqualTo(POLICY_BUCKET_ARN);
        assertThat(plan.before().facts()).isEqualTo(Map.of("hasPolicy", "false"));
        assertThat(plan.change()).isEqualTo("PutBucketPolicy on arn:aws:s3:::acme-reports: the policy recorded at"
                + " 2026-11-20T10:02:29Z from event-1");
        assertThat(plan.undo(RestoreBucketPolicyUndo.class).bucket()).isEqualTo(POLICY_BUCKET);
        assertThat(plan.undo(RestoreBucketPolicyUndo.class).policyJson()).isEqualTo(BucketPolicy.parse(KEPT).json());
        assertThat(BucketPolicy.parse(s3.policy(POLICY_BUCKET))).isEqualTo(BucketPolicy.parse(KEPT));
        assertThat(action.readBack(plan).compliant()).isTrue();
    }

    @Test
    void recordsWhatItRestoredAsTheLatestPolicy() {
        history.record(POLICY_BUCKET_ARN, KEPT, Instant.parse("2026-11-20T10:02:29Z"), "event-1");

        action.apply(action.plan(deleted, NO_PARAMS));

        assertThat(history.latest(POLICY_BUCKET_ARN)).contains(new RecordedPolicy(BucketPolicy.parse(KEPT).json(), NOW,
                "backstop:s3.restore-bucket-policy"));
    }

    @Test
    void neverRestoresAStatementThatOpensTheBucketToEveryone() {
        history.record(POLICY_BUCKET_ARN, S3Samples.samplePolicy(), Instant.parse("2026-11-20T10:02:29Z"), "event-1");

        ActionPlan plan = action.plan(deleted, NO_PARAMS);
        action.apply(plan);

        assertThat(plan.change()).endsWith("without its 1 statement(s) open to everyone");
        assertThat(BucketPolicy.parse(s3.policy(POLICY_BUCKET)).statements())
                .extracting(statement -> statement.path("Sid").asText())
                .containsExactly("DenyInsecureTransport", "ReportingRoleReads");
    }

    @Test
    void appliesTheRulesBaselineWhenNothingWasRecorded() {
        String baseline = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\","
                + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"${bucketArn}\",\"${bucketArn}/*\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";

        ActionPlan plan = action.plan(deleted, new ActionSpec(RestoreBucketPolicyAction.NAME,
                Map.of(RestoreBucketPolicyAction.BASELINE, baseline)));
        action.apply(plan);

        assertThat(plan.change()).endsWith(": the rule's baseline policy");
        assertThat(s3.policy(POLICY_BUCKET)).contains("\"arn:aws:s3:::acme-reports\",\"arn:aws:s3:::acme-reports/*\"");
    }

    @Test
    void withNothingRecordedAndNoBaselineSaysSoAndFailsToApply() {
        ActionPlan plan = action.plan(deleted, NO_PARAMS);

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.change()).isEqualTo("nothing to restore on arn:aws:s3:::acme-reports: Backstop recorded no policy"
                + " for acme-reports and the rule gives no baselinePolicy");
        assertThat(plan.undo()).isNull();
        assertThatThrownBy(() -> action.apply(plan)).isInstanceOf(NothingToRestoreException.class)
                .hasMessageContaining("recorded no policy");
        assertThat(s3.calls()).doesNotContain("PutBucketPolicy");
    }

    @Test
    void aBucketWithAPolicyAgainNeedsNothing() {
        s3.policy(POLICY_BUCKET, KEPT);

        ActionPlan plan = action.plan(deleted, NO_PARAMS);

        assertThat(plan.changeNeeded()).isFalse();
        assertThat(plan.before().compliant()).isTrue();
    }

    @Test
    void aBucketThatIsGoneIsReportedSo() {
        ActionPlan plan = action.plan(event("delete-bucket-policy.json",
                e -> S3Samples.requestParameters(e).put("bucketName", "deleted-bucket")), NO_PARAMS);

        assertThat(plan.before().exists()).isFalse();
    }

    @Test
    void plansWithReadsOnly() {
        history.record(POLICY_BUCKET_ARN, KEPT, Instant.parse("2026-11-20T10:02:29Z"), "event-1");

        action.plan(deleted, NO_PARAMS);

        assertThat(s3.calls()).containsExactly("GetBucketPolicy");
    }

    @Test
    void aPutThatDoesNotStickIsNotCompliant() {
        history.record(POLICY_BUCKET_ARN, KEPT, Instant.parse("2026-11-20T10:02:29Z"), "event-1");
        s3.ignoreWrites();

        ActionPlan plan = action.plan(deleted, NO_PARAMS);
        action.apply(plan);

        assertThat(action.readBack(plan).compliant()).isFalse();
    }

    @Test
    void undoDeletesTheRestoredPolicyAgain() {
        history.record(POLICY_BUCKET_ARN, KEPT, Instant.parse("2026-11-20T10:02:29Z"), "event-1");
        ActionPlan plan = action.plan(deleted, NO_PARAMS);
        action.apply(plan);

        assertThat(action.undoable()).isTrue();
        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).containsAllEntriesOf(plan.before().facts());
        assertThat(s3.policy(POLICY_BUCKET)).isNull();
    }

    @Test
    void undoLeavesAPolicyPutSinceTheRestoreAlone() {
        history.record(POLICY_BUCKET_ARN, KEPT, Instant.parse("2026-11-20T10:02:29Z"), "event-1");
        ActionPlan plan = action.plan(deleted, NO_PARAMS);
        action.apply(plan);
        s3.policy(POLICY_BUCKET, S3Samples.samplePolicy());

        assertThatThrownBy(() -> action.undo(UndoFormat.write(plan.undo()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("changed after Backstop restored it; nothing was deleted");
        assertThat(s3.policy(POLICY_BUCKET)).isEqualTo(S3Samples.samplePolicy());
    }

    @Test
    void readsTheBucketsTags() {
        s3.tag(POLICY_BUCKET, "backstop:exempt", "true");

        assertThat(action.tags(action.plan(deleted, NO_PARAMS))).containsEntry("backstop:exempt", "true");
    }
}
