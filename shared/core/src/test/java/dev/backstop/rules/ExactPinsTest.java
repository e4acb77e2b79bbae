package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ExactPinsTest {

    @Test
    void plainStringsPinTheSourceAndTheEventName() {
        ExactPins pins = ExactPins.of("""
                {"source": ["aws.s3"], "detail": {"eventName": ["PutBucketPolicy", "DeleteBucketPolicy"],
                 "errorCode": [{"exists": false}]}}""");

        assertThat(pins).isEqualTo(new ExactPins(Set.of("aws.s3"), Set.of("PutBucketPolicy", "DeleteBucketPolicy")));
        assertThat(pins.admits("aws.s3", "PutBucketPolicy")).isTrue();
        assertThat(pins.admits("aws.s3", "GetBucketPolicy")).isFalse();
        assertThat(pins.admits(null, "PutBucketPolicy")).isFalse();
    }

    @Test
    void aPatternWithoutTheFieldsAdmitsEveryEvent() {
        ExactPins pins = ExactPins.of("{\"detail-type\": [\"AWS API Call via CloudTrail\"]}");

        assertThat(pins).isEqualTo(ExactPins.NONE);
        assertThat(pins.admits(null, null)).isTrue();
    }

    @Test
    void anythingButAPlainStringPinsNothing() {
        assertThat(ExactPins.of("{\"source\": [\"aws.s3\", {\"prefix\": \"aws.\"}]}").sources()).isNull();
        assertThat(ExactPins.of("{\"detail\": {\"eventName\": [{\"equals-ignore-case\": \"stoplogging\"}]}}").names())
                .isNull();
        assertThat(ExactPins.of("{\"source\": [\"aws.s3\", null]}").sources()).isNull();
        assertThat(ExactPins.of("{\"detail\": {\"eventName\": [7]}}").names()).isNull();
    }

    @Test
    void anIpAddressStringPinsNothingSinceEventRulerComparesItCanonically() {
        assertThat(ExactPins.of("{\"source\": [\"10.0.0.1\"]}").sources()).isNull();
        assertThat(ExactPins.of("{\"detail\": {\"eventName\": [\"::1\"]}}").names()).isNull();
    }

    @Test
    void aFieldNamedInAnOrBranchPinsNothing() {
        ExactPins inBranchOnly = ExactPins.of("""
                {"source": ["aws.s3"], "$or": [{"detail": {"eventName": ["A"]}}, {"detail": {"eventSource": ["s3"]}}]}""");
        ExactPins alsoInBranch = ExactPins.of("""
                {"source": ["aws.s3"], "detail": {"eventName": ["A"], "$or": [{"eventName": ["B"]}, {"x": ["y"]}]}}""");

        assertThat(inBranchOnly).isEqualTo(new ExactPins(Set.of("aws.s3"), null));
        assertThat(alsoInBranch).isEqualTo(new ExactPins(Set.of("aws.s3"), null));
    }

    @Test
    void aDottedKeyPinsNothingSinceEventRulerFlattensItLikeNestedKeys() {
        assertThat(ExactPins.of("{\"source\": [\"aws.s3\"], \"detail.eventName\": [\"A\"]}")).isEqualTo(ExactPins.NONE);
        assertThat(ExactPins.of("{\"source\": [\"aws.s3\"], \"detail\": {\"eventName\": [\"A\"], \"a.b\": [1]}}"))
                .isEqualTo(ExactPins.NONE);
    }
}
