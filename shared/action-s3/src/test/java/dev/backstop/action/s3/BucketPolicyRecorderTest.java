package dev.backstop.action.s3;

import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET_ARN;
import static dev.backstop.action.s3.S3Samples.event;
import static dev.backstop.action.s3.S3Samples.requestParameters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.action.s3.BucketPolicyHistory.RecordedPolicy;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.SampleEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BucketPolicyRecorderTest {

    private final FakePolicyTable table = new FakePolicyTable();
    private final BucketPolicyHistory history = new BucketPolicyHistory(table, S3Samples.SETTINGS);
    private final CapturedTelemetry telemetry = new CapturedTelemetry();
    private final BucketPolicyRecorder recorder = new BucketPolicyRecorder(history, telemetry.telemetry());

    @Test
    void recordsThePolicyAPutBucketPolicySetWhenItWasSet() {
        recorder.observe(event("put-bucket-policy.json"));

        assertThat(history.latest(POLICY_BUCKET_ARN)).contains(new RecordedPolicy(
                BucketPolicy.parse(S3Samples.samplePolicy()).json(), Instant.parse("2026-11-20T10:02:29Z"),
                "5d2e8f14-6a3b-4c71-9e05-b8d4c2a1f630"));
    }

    @Test
    void readsAPolicySentAsAJsonString() {
        recorder.observe(event("put-bucket-policy.json",
                e -> requestParameters(e).put("bucketPolicy", S3Samples.samplePolicy())));

        assertThat(history.latest(POLICY_BUCKET_ARN).map(RecordedPolicy::policy))
                .contains(BucketPolicy.parse(S3Samples.samplePolicy()).json());
    }

    @Test
    void leavesOtherCallsAlone() {
        recorder.observe(event("delete-bucket-policy.json"));
        recorder.observe(event("put-bucket-policy.json", e -> SampleEvents.detail(e).put("eventName", "GetBucketPolicy")));

        assertThat(table.items()).isEmpty();
    }

    @Test
    void skipsAnEventWithoutAReadablePolicyInsteadOfFailingTheDecisionAndCountsIt() {
        recorder.observe(event("put-bucket-policy.json", e -> requestParameters(e).put("bucketPolicy", "{not json")));
        recorder.observe(event("put-bucket-policy.json", e -> requestParameters(e).remove("bucketPolicy")));
        recorder.observe(event("put-bucket-policy.json", e -> requestParameters(e).remove("bucketName")));

        assertThat(table.items()).isEmpty();
        assertThat(telemetry.counted(BucketPolicyRecorder.NOT_RECORDED)).hasSize(3).allSatisfy(line -> {
            assertThat(line.path("history").asText()).isEqualTo("bucket-policy");
            assertThat(line.path("eventId").asText()).isEqualTo("5d2e8f14-6a3b-4c71-9e05-b8d4c2a1f630");
        });
        assertThat(telemetry.counted(BucketPolicyRecorder.NOT_RECORDED).get(1).path("reason").asText())
                .isEqualTo("the event carries no requestParameters.bucketPolicy");
    }
}
