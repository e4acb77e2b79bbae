package dev.backstop.action.cloudtrail;

import dev.backstop.action.TrailDestinations;
import dev.backstop.action.TrailStorage;
import java.util.HashSet;
import java.util.Set;
import javax.inject.Inject;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * Where the trails deliver, from DescribeTrails with shadow trails included, so a multi-region
 * or organization trail whose home is another region counts too. A single-region trail of another
 * region, or an organization trail seen from a member account that does not list it, is not
 * known here.
 */
final class DescribedTrailDestinations implements TrailDestinations {

    private final CloudTrailClient cloudTrail;

    @Inject
    DescribedTrailDestinations(CloudTrailClient cloudTrail) {
        this.cloudTrail = cloudTrail;
    }

    @Override
    public TrailStorage read() {
        Set<String> buckets = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (Trail trail : cloudTrail.describeTrails(request -> request.includeShadowTrails(true)).trailList()) {
            if (trail.s3BucketName() != null) {
                buckets.add(trail.s3BucketName());
            }
            if (trail.cloudWatchLogsLogGroupArn() != null) {
                groups.add(trail.cloudWatchLogsLogGroupArn());
            }
        }
        return new TrailStorage(buckets, groups);
    }
}
