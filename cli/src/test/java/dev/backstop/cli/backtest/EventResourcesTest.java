package dev.backstop.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.testing.SampleEvents;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EventResourcesTest {

    private final CloudTrailEventParser parser = new CloudTrailEventParser();

    private CloudTrailEvent event(String sample, Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
        return parser.parse(SampleEvents.edited(sample, event -> edit.accept(SampleEvents.detail(event))));
    }

    @Test
    void namesTheRecordsOwnResourceArnFirst() {
        CloudTrailEvent event = event("cloudtrail/stop-logging.json", detail -> detail.putArray("resources").addObject()
                .put("ARN", "arn:aws:cloudtrail:us-east-1:123456789012:trail/from-resources"));

        assertThat(EventResources.of(event)).isEqualTo("arn:aws:cloudtrail:us-east-1:123456789012:trail/from-resources");
    }

    @Test
    void makesAnIamRoleOrUserNameAnArnSoProtectedPrincipalsMatchIt() {
        assertThat(EventResources.of(event("iam/attach-role-policy-admin.json", detail -> { })))
                .isEqualTo("arn:aws:iam::123456789012:role/data-pipeline");
        assertThat(EventResources.of(event("iam/attach-user-policy-admin.json", detail -> { })))
                .startsWith("arn:aws:iam::123456789012:user/");
    }

    @Test
    void otherwiseTakesTheFirstRequestParameterThatNamesATargetOrSaysThereIsNone() {
        assertThat(EventResources.of(event("s3/put-bucket-policy.json", detail -> { })))
                .isEqualTo("arn:aws:s3:::acme-reports");
        assertThat(EventResources.of(event("s3/put-bucket-policy.json", detail -> detail.remove("resources"))))
                .isEqualTo("acme-reports");
        assertThat(EventResources.of(event("cloudtrail/stop-logging.json", detail -> detail.putNull("requestParameters"))))
                .isEqualTo("-");
    }
}
