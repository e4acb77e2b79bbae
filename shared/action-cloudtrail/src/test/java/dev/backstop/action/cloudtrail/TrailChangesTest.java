package dev.backstop.action.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.testing.SampleEvents;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TrailChangesTest {

    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    private static CloudTrailEvent sample(String name, Consumer<ObjectNode> edit) {
        return PARSER.parse(SampleEvents.edited(name, edit));
    }

    @Test
    void theWeakeningSampleTurnsSettingsOff() {
        CloudTrailEvent event = sample("cloudtrail/update-trail-weakening.json", e -> { });

        assertThat(TrailChanges.plainlyWeakening(event)).containsExactly("multi-region turned off",
                "log file validation turned off");
    }

    @Test
    void booleansWrittenAsStringsCountToo() {
        CloudTrailEvent event = sample("cloudtrail/update-trail-benign.json", e -> ((ObjectNode) SampleEvents.detail(e)
                .get("requestParameters")).put("includeGlobalServiceEvents", "false").put("kmsKeyId", ""));

        assertThat(TrailChanges.plainlyWeakening(event)).containsExactly("global service events turned off",
                "KMS key removed");
    }

    @Test
    void theBenignSampleWeakensNothing() {
        assertThat(TrailChanges.plainlyWeakening(sample("cloudtrail/update-trail-benign.json", e -> { }))).isEmpty();
    }

    @Test
    void bothSelectorSamplesDropManagementEvents() {
        assertThat(TrailChanges.plainlyWeakening(sample("cloudtrail/put-event-selectors-no-management.json", e -> { })))
                .containsExactly("management events narrowed to none");
        assertThat(TrailChanges.plainlyWeakening(sample("cloudtrail/put-advanced-event-selectors-no-management.json",
                e -> { }))).containsExactly("management events narrowed to none");
    }

    @Test
    void namesTheTrailByNameOrTrailNameAndBuildsItsArn() {
        CloudTrailEvent selectors = sample("cloudtrail/put-event-selectors-no-management.json", e -> { });

        assertThat(TrailEvents.named(selectors)).isEqualTo("management-events");
        assertThat(TrailEvents.arn(selectors)).isEqualTo(TrailConfigTest.ARN);
    }
}
