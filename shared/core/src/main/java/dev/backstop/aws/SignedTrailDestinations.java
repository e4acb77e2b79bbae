package dev.backstop.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.action.TrailDestinations;
import dev.backstop.action.TrailStorage;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where the trails deliver, from CloudTrail's {@code DescribeTrails} with shadow trails included (so
 * a multi-region or organization trail whose home is another region counts too), made as one JSON
 * 1.1 call through {@link JsonApi}: signed as the CloudTrail client signs it, through the shared
 * HTTP client. It spares the S3 and detection functions CloudTrail's SDK module, which they would
 * carry for this one call (their artifacts must stay within 15 MB zipped); the functions that act
 * on trails read the same answer through the CloudTrail client ({@code DescribedTrailDestinations}).
 *
 * <p>A single-region trail of another region, or an organization trail seen from a member account
 * that does not list it, is not known here. An answer whose trail list or names are not what
 * CloudTrail documents fails, naming the field, rather than reading as "no trail bucket".
 */
public final class SignedTrailDestinations implements TrailDestinations {

    static final JsonApi.Service CLOUDTRAIL = new JsonApi.Service("cloudtrail", "cloudtrail", "CloudTrail",
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101");
    static final String CALL = "CloudTrail DescribeTrails";

    private final JsonApi cloudTrail;

    SignedTrailDestinations(JsonApi cloudTrail) {
        this.cloudTrail = cloudTrail;
    }

    static JsonNode request() {
        return JsonNodeFactory.instance.objectNode().put("includeShadowTrails", true);
    }

    @Override
    public TrailStorage read() {
        Set<String> buckets = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (JsonNode trail : JsonAnswers.objects(cloudTrail.target("DescribeTrails", request()), "trailList", CALL)) {
            optionalText(trail, "S3BucketName").ifPresent(buckets::add);
            optionalText(trail, "CloudWatchLogsLogGroupArn").ifPresent(groups::add);
        }
        return new TrailStorage(buckets, groups);
    }

    private static Optional<String> optionalText(JsonNode trail, String field) {
        JsonNode value = trail.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException(CALL + " answered a trail whose " + field + " is no name: " + trail);
        }
        return Optional.of(value.asText());
    }
}
