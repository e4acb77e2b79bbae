package dev.backstop.action.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.testing.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrailEventsTest {

    private static final CloudTrailEvent EVENT = new CloudTrailEventParser()
            .parse(SampleEvents.edited("cloudtrail/stop-logging.json", e -> { }));

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:cloudtrail:us-east-1:123456789012:trail/audit",
            "arn:aws-us-gov:cloudtrail:us-gov-west-1:123456789012:trail/audit.v2_main-1"})
    void aTrailArnIsCertainAsNamed(String arn) {
        assertThat(TrailEvents.certainArn(EVENT, arn)).contains(arn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit", "audit.v2_main-1", "abc"})
    void aTrailNameIsCertainInTheEventsAccountAndRegion(String name) {
        assertThat(TrailEvents.certainArn(EVENT, name)).contains("arn:aws:cloudtrail:us-east-1:123456789012:trail/" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "-audit", "audit-", "audit/other", "a:b:c", "arn:aws:cloudtrail:us-east-1:123456789012:trail/",
            "arn:aws:cloudtrail:us-east-1:123456789012:trail/audit/extra", "arn:aws:s3:::audit",
            "arn:aws:cloudtrail:us-east-1:12345:trail/audit", "ARN:AWS:CLOUDTRAIL:us-east-1:123456789012:trail/audit"})
    void anythingElseIsLeftForCloudTrailToResolve(String named) {
        assertThat(TrailEvents.certainArn(EVENT, named)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "unknown", "US-EAST-1"})
    void aNameInAnEventWithoutAUsableRegionIsNotCertain(String region) {
        CloudTrailEvent event = new CloudTrailEventParser().parse(SampleEvents.edited("cloudtrail/stop-logging.json", e -> {
            e.put("region", region);
            SampleEvents.detail(e).put("awsRegion", region);
        }));

        assertThat(TrailEvents.certainArn(event, "audit")).isEmpty();
    }

    @Test
    void aNamedTrailsArnIsInThePartitionOfTheEventsRegion() {
        CloudTrailEvent event = new CloudTrailEventParser().parse(SampleEvents.edited("cloudtrail/stop-logging.json", e -> {
            e.put("region", "cn-north-1");
            SampleEvents.detail(e).put("awsRegion", "cn-north-1");
            ((ObjectNode) SampleEvents.detail(e).path("requestParameters"))
                    .put("name", "audit");
        }));

        assertThat(TrailEvents.arn(event)).isEqualTo("arn:aws-cn:cloudtrail:cn-north-1:123456789012:trail/audit");
    }
}
