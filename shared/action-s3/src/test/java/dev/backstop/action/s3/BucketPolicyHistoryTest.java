package dev.backstop.action.s3;

import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.action.s3.BucketPolicyHistory.RecordedPolicy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BucketPolicyHistoryTest {

    private static final Instant EARLIER = Instant.parse("2026-11-20T10:02:29Z");
    private static final Instant LATER = Instant.parse("2026-11-20T10:05:00.250Z");

    private final FakePolicyTable table = new FakePolicyTable();
    private final BucketPolicyHistory history = new BucketPolicyHistory(table, S3Samples.SETTINGS);

    @Test
    void theLatestIsThePolicySetLast() {
        history.record(POLICY_BUCKET_ARN, "{\"v\":1}", EARLIER, "event-1");
        history.record(POLICY_BUCKET_ARN, "{\"v\":2}", LATER, "backstop:s3.remove-public-policy-statements");

        assertThat(history.latest(POLICY_BUCKET_ARN)).contains(
                new RecordedPolicy("{\"v\":2}", LATER, "backstop:s3.remove-public-policy-statements"));
    }

    @Test
    void aPolicyDeliveredLateNeverReplacesANewerOneButStaysInTheHistory() {
        history.record(POLICY_BUCKET_ARN, "{\"v\":2}", LATER, "event-2");
        history.record(POLICY_BUCKET_ARN, "{\"v\":1}", EARLIER, "event-1");

        assertThat(history.latest(POLICY_BUCKET_ARN).map(RecordedPolicy::policy)).contains("{\"v\":2}");
        assertThat(table.items()).containsOnlyKeys("policy#" + POLICY_BUCKET_ARN,
                "policy#" + POLICY_BUCKET_ARN + "#" + LATER + "#event-2",
                "policy#" + POLICY_BUCKET_ARN + "#" + EARLIER + "#event-1");
        assertThat(table.items().values()).allSatisfy(item -> assertThat(item.get("kind").s()).isEqualTo("bucket-policy"));
    }

    @Test
    void knowsNothingOfABucketItNeverSaw() {
        history.record(POLICY_BUCKET_ARN, "{\"v\":1}", EARLIER, "event-1");

        assertThat(history.latest("arn:aws:s3:::another-bucket")).isEmpty();
    }
}
