package dev.backstop.engine;

import dagger.Module;
import dagger.Provides;
import software.amazon.awssdk.regions.Region;

/** The functions' own region, for graphs that bind no other: the kill switch's records are chained there. */
@Module
final class HomeRegionModule {

    private HomeRegionModule() {
    }

    @Provides
    static Region region() {
        return Region.US_EAST_1;
    }
}
