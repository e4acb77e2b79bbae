package dev.backstop.action.cloudtrail;

import dagger.Binds;
import dagger.Module;
import dev.backstop.action.TrailDestinations;

/**
 * Tells the actions that guard a trail's bucket or log group where the trails deliver, from
 * CloudTrail: for the graphs that run them, beside {@link CloudTrailClientModule}. (A graph without
 * the CloudTrail client asks with one signed call instead: {@code SignedTrailDestinationsModule}.)
 */
@Module
public abstract class TrailDestinationsModule {

    private TrailDestinationsModule() {
    }

    @Binds
    abstract TrailDestinations trailDestinations(DescribedTrailDestinations destinations);
}
