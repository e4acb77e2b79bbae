package dev.backstop.action.s3;

import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET;
import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET_ARN;
import static dev.backstop.action.s3.S3Samples.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.ResourceState;
import dev.backstop.action.s3.BucketPolicyHistory.RecordedPolicy;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeS3;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemovePublicPolicyStatementsActionTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:02:33Z");
    private static final ActionSpec SPEC = new ActionSpec(RemovePublicPolicyStatementsAction.NAME, Map.of());
    private static final String ONLY_PUBLIC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Everyone\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"*\"]},\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::acme-reports/*\"}]}";

    private final FakeS3 s3 = new FakeS3().bucket(POLICY_BUCKET).policy(POLICY_BUCKET, S3Samples.samplePolicy());
    private final BucketPolicyHistory history = new BucketPolicyHistory(new FakePolicyTable(), S3Samples.SETTINGS);
    private final RemovePublicPolicyStatementsAction action = new RemovePublicPolicyStatementsAction(
            new Buckets(s3), history, Clock.fixed(NOW, ZoneOffset.UTC));
    private final CloudTrailEvent put = event("put-bucket-policy.json");

    @Test
    void removesOnlyTheStatementsOpenToEveryone() {
        ActionPlan plan = action.plan(put, SPEC);
        action.apply(plan);

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.change()).isEqualTo("PutBucketPolicy on arn:aws:s3:::acme-reports: remove 1 statement(s) open"
                + " to everyone (ShareWithPartner), keep 2");
        assertThat(plan.before().facts()).containsEntry("publicStatements", "1").containsEntry("statements", "3")
                .containsEntry("publicSids", "ShareWithPartner");
        assertThat(BucketPolicy.parse(s3.policy(POLICY_BUCKET)).statements())
                .extracting(statement -> statement.path("Sid").asText())
                .containsExactly("DenyInsecureTransport", "ReportingRoleReads");
        ResourceState after = action.readBack(plan);
        assertThat(after.compliant()).isTrue();
        assertThat(after.facts()).containsEntry("publicStatements", "0").doesNotContainKey("publicSids");
    }

    @Test
    void recordsThePolicyItLeftAsTheLatest() {
        action.apply(action.plan(put, SPEC));

        assertThat(history.latest(POLICY_BUCKET_ARN)).contains(new RecordedPolicy(s3.policy(POLICY_BUCKET), NOW,
                "backstop:s3.remove-public-policy-statements"));
    }

    @Test
    void plansFromThePolicyTheBucketHasNowNotFromTheEvent() {
        s3.policy(POLICY_BUCKET, BucketPolicy.parse(S3Samples.samplePolicy()).withoutPublicStatements().orElseThrow().json());

        ActionPlan plan = action.plan(put, SPEC);

        assertThat(plan.changeNeeded()).isFalse();
        assertThat(s3.calls()).containsExactly("GetBucketPolicy");
    }

    @Test
    void deletesThePolicyWhenNothingElseIsLeft() {
        s3.policy(POLICY_BUCKET, ONLY_PUBLIC);

        ActionPlan plan = action.plan(put, SPEC);
        action.apply(plan);

        assertThat(plan.change()).startsWith("DeleteBucketPolicy on arn:aws:s3:::acme-reports");
        assertThat(s3.policy(POLICY_BUCKET)).isNull();
        assertThat(action.readBack(plan).facts()).containsEntry("hasPolicy", "false");
    }

    @Test
    void undoPutsTheRemovedStatementsBack() {
        ActionPlan plan = action.plan(put, SPEC);
        action.apply(plan);

        ResourceState after = action.undo(UndoFormat.write(plan.undo()));

        assertThat(BucketPolicy.parse(s3.policy(POLICY_BUCKET))).isEqualTo(BucketPolicy.parse(S3Samples.samplePolicy()));
        assertThat(after.facts()).containsAllEntriesOf(plan.before().facts());
        assertThat(plan.undo(RemovePublicPolicyStatementsUndo.class).bucket()).isEqualTo(POLICY_BUCKET);
        assertThat(plan.undo(RemovePublicPolicyStatementsUndo.class).positions()).containsExactly(2);
    }

    @Test
    void undoPutsEachStatementBackWhereItWas() {
        String mixed = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"},{\"Sid\":\"Reporting\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/Reporting\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:ListBucket\","
                + "\"Resource\":\"*\"}]}";
        s3.policy(POLICY_BUCKET, mixed);
        ActionPlan plan = action.plan(put, SPEC);
        action.apply(plan);

        ResourceState after = action.undo(UndoFormat.write(plan.undo()));

        assertThat(plan.before().facts()).containsEntry("publicSids", "#1, #3");
        assertThat(BucketPolicy.parse(s3.policy(POLICY_BUCKET))).isEqualTo(BucketPolicy.parse(mixed));
        assertThat(after.facts()).containsAllEntriesOf(plan.before().facts());
    }

    @Test
    void appliesToThePolicyAsItIsWhenApplied() {
        ActionPlan plan = action.plan(put, SPEC);
        s3.policy(POLICY_BUCKET, ONLY_PUBLIC);

        action.apply(plan);

        assertThat(s3.policy(POLICY_BUCKET)).isNull();
    }

    @Test
    void undoAfterTheWholePolicyWentPutsTheStatementsInANewOne() {
        s3.policy(POLICY_BUCKET, ONLY_PUBLIC);
        ActionPlan plan = action.plan(put, SPEC);
        action.apply(plan);

        action.undo(UndoFormat.write(plan.undo()));

        assertThat(BucketPolicy.parse(s3.policy(POLICY_BUCKET)).statements())
                .isEqualTo(BucketPolicy.parse(ONLY_PUBLIC).statements());
    }

    @Test
    void aBucketWithoutAPolicyOrThatIsGoneNeedsNothing() {
        s3.bucket("no-policy");

        assertThat(action.plan(event("put-bucket-policy.json",
                e -> S3Samples.requestParameters(e).put("bucketName", "no-policy")), SPEC).changeNeeded()).isFalse();
        assertThat(action.plan(event("put-bucket-policy.json",
                e -> S3Samples.requestParameters(e).put("bucketName", "gone")), SPEC).before().exists()).isFalse();
    }
}
