package dev.backstop.correlate.lookup;

import dagger.Binds;
import dagger.Module;
import dev.backstop.correlate.ChangeLookup;

/** Alarm correlation through CloudTrail's event history, for the alarm functions' graphs. */
@Module
public abstract class CorrelateModule {

    private CorrelateModule() {
    }

    @Binds
    abstract ChangeLookup changeLookup(CloudTrailChangeLookup lookup);
}
