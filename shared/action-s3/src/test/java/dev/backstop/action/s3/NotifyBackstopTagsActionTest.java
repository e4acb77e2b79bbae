package dev.backstop.action.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyBackstopTagsActionTest {

    private static final ActionSpec SPEC = new ActionSpec(NotifyBackstopTagsAction.NAME, Map.of());

    private final NotifyBackstopTagsAction action = new NotifyBackstopTagsAction();

    @Test
    void namesTheBucketTheBackstopTagsWrittenAndWhoWroteThem() {
        CloudTrailEvent event = S3Samples.event("put-bucket-tagging-backstop-exempt.json");

        ActionPlan plan = action.plan(event, SPEC);

        assertThat(plan.resource()).isEqualTo("arn:aws:s3:::acme-build-artifacts");
        assertThat(plan.before().facts()).containsEntry("bucket", "acme-build-artifacts")
                .containsEntry("tags", "backstop:exempt=true")
                .containsEntry("caller", event.detail().userIdentity().displayName());
        assertThat(plan.change()).contains("backstop:exempt=true").contains("get-bucket-tagging --bucket acme-build-artifacts");
        assertThat(plan.changeNeeded()).isTrue();
    }

    @Test
    void readsASingleTagSentAsAnObject() {
        CloudTrailEvent event = S3Samples.event("put-bucket-tagging-team.json", e -> tagSet(e).putObject("Tag")
                .put("Key", "backstop:public-url").put("Value", "true"));

        assertThat(action.appliesTo(event, SPEC)).isTrue();
        assertThat(action.plan(event, SPEC).before().facts()).containsEntry("tags", "backstop:public-url=true");
    }

    @Test
    void aCallWritingNoBackstopTagIsNotItsToTell() {
        assertThat(action.appliesTo(S3Samples.event("put-bucket-tagging-team.json"), SPEC)).isFalse();
        assertThat(action.appliesTo(S3Samples.event("put-bucket-tagging-team.json",
                e -> S3Samples.requestParameters(e).remove("Tagging")), SPEC)).isFalse();
    }

    @Test
    void isNeverExemptByTheTagItReportsAndChangesNothing() {
        ActionPlan plan = action.plan(S3Samples.event("put-bucket-tagging-backstop-exempt.json"), SPEC);

        assertThat(action.tags(plan)).isEmpty();
        assertThat(action.undoable()).isFalse();
        assertThat(action.readBack(plan).compliant()).isTrue();
    }

    private static ObjectNode tagSet(ObjectNode event) {
        return (ObjectNode) S3Samples.requestParameters(event).get("Tagging").get("TagSet");
    }
}
