package dev.backstop.action.s3;

import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET;
import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET_ARN;
import static dev.backstop.action.s3.S3Samples.event;
import static dev.backstop.action.s3.S3Samples.requestParameters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.action.s3.BucketPolicyHistory.RecordedPolicy;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BucketPolicyRecorderTest {

    private static final Instant READ_AT = Instant.parse("2026-11-20T10:02:31Z");
    private static final String TEAM_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Team\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::acme-reports/*\"}]}";

    private final FakePolicyTable table = new FakePolicyTable();
    private final FakeS3 s3 = new FakeS3().bucket(POLICY_BUCKET).policy(POLICY_BUCKET, TEAM_POLICY);
    private final BucketPolicyHistory history = new BucketPolicyHistory(table, S3Samples.SETTINGS);
    private final Buckets buckets = new Buckets(s3);
    private final CapturedTelemetry telemetry = new CapturedTelemetry();
    private final BucketPolicyRecorder recorder = new BucketPolicyRecorder(() -> buckets, history, telemetry.telemetry(),
            Clock.fixed(READ_AT, ZoneOffset.UTC));

    @Test
    void recordsThePolicyTheBucketHasWhenTheEventArrivesNotTheOneTheEventCarries() {
        recorder.observe(event("put-bucket-policy.json"));

        assertThat(history.latest(POLICY_BUCKET_ARN)).contains(new RecordedPolicy(BucketPolicy.parse(TEAM_POLICY).json(),
                READ_AT, "read back after 5d2e8f14-6a3b-4c71-9e05-b8d4c2a1f630"));
    }

    @Test
    void recordsNothingWhenTheBucketHasNoPolicyByThen() {
        s3.bucket("acme-empty");

        recorder.observe(event("put-bucket-policy.json", e -> requestParameters(e).put("bucketName", "acme-empty")));

        assertThat(table.items()).isEmpty();
    }

    @Test
    void leavesOtherCallsAlone() {
        recorder.observe(event("delete-bucket-policy.json"));
        recorder.observe(event("put-bucket-policy.json", e -> SampleEvents.detail(e).put("eventName", "GetBucketPolicy")));

        assertThat(table.items()).isEmpty();
        assertThat(s3.calls()).isEmpty();
    }

    @Test
    void skipsAnEventThatNamesNoBucketInsteadOfFailingTheDecisionAndCountsIt() {
        recorder.observe(event("put-bucket-policy.json", e -> requestParameters(e).remove("bucketName")));

        assertThat(table.items()).isEmpty();
        assertThat(s3.calls()).isEmpty();
        assertThat(telemetry.counted(BucketPolicyRecorder.NOT_RECORDED)).singleElement().satisfies(line -> {
            assertThat(line.path("history").asText()).isEqualTo("bucket-policy");
            assertThat(line.path("eventId").asText()).isEqualTo("5d2e8f14-6a3b-4c71-9e05-b8d4c2a1f630");
            assertThat(line.path("reason").asText()).contains("bucketName");
        });
    }
}
