package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.NotifyOnlyAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code s3.notify-backstop-tags}: PutBucketTagging wrote {@code backstop:*} tags on a bucket.
 * Those tags steer Backstop ({@code backstop:exempt} exempts the bucket from every S3 rule), and
 * PutBucketTagging gives IAM no tag keys to test, so the tags SCP cannot keep them to the security
 * roles as it does in other services. It tells the team which tags, on which bucket and by whom,
 * and changes nothing: only a person knows whether the security team set them.
 */
final class NotifyBackstopTagsAction implements NotifyOnlyAction {

    static final String NAME = "s3.notify-backstop-tags";
    static final String PREFIX = "backstop:";

    @Inject
    NotifyBackstopTagsAction() {
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && !written(event).isEmpty();
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String bucket = Buckets.name(event);
        String arn = Buckets.arn(event, bucket);
        List<String> written = written(event);
        String caller = event.detail().userIdentity().displayName();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("bucket", bucket);
        facts.put("tags", String.join(", ", written));
        facts.put("caller", caller);
        String change = "tell the team: " + caller + " tagged bucket " + bucket
                + " " + String.join(", ", written) + ", which steers Backstop; if the security team did not, aws s3api"
                + " get-bucket-tagging --bucket " + bucket + " shows the tags and put-bucket-tagging puts them back"
                + " without it";
        return new ActionPlan(NAME, arn, bucket, new ResourceState(true, written.isEmpty(), facts), change);
    }

    /** Never exempt by tag: the tag it reports may be the very exemption. */
    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of();
    }

    /**
     * The {@code backstop:*} tags the call wrote, {@code key=value}, from
     * {@code requestParameters.Tagging.TagSet.Tag}: a list, or one object when the call sent one tag.
     */
    static List<String> written(CloudTrailEvent event) {
        JsonNode tag = event.detail().requestParameters().path("Tagging").path("TagSet").path("Tag");
        List<JsonNode> tags = new ArrayList<>();
        if (tag.isArray()) {
            tag.forEach(tags::add);
        } else if (tag.isObject()) {
            tags.add(tag);
        }
        return tags.stream()
                .filter(one -> one.path("Key").isTextual() && one.path("Key").asText().startsWith(PREFIX))
                .map(one -> one.path("Key").asText() + "=" + one.path("Value").asText(""))
                .toList();
    }
}
