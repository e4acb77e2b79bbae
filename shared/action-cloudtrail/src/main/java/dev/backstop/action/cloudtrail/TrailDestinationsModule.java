package dev.backstop.action.cloudtrail;

import dagger.Binds;
import dagger.Module;
import dev.backstop.action.TrailDestinations;

/**
 * Tells the actions that guard a trail's bucket or log group where the trails deliver, from
 * CloudTrail: for the graphs that run them, beside {@link CloudTrailClientModule}.
 */
@Module
public abstract class TrailDestinationsModule {

    private TrailDestinationsModule() {
    }

    @Binds
    abstract TrailDestinations trailDestinations(DescribedTrailDestinations destinations);
}
