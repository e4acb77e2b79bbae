package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import java.util.List;

/** The parameters rules may give the self-watch actions, for checking rule files everywhere. */
@Module
public final class SelfWatchParametersModule {

    public static final String RUN = "run";

    private SelfWatchParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("selfwatch.notify")
    static List<ParamSpec> notifyParameters() {
        return List.of(new ParamSpec(RUN, ParamType.STRING, true,
                "what to run to put the change right, quoted in the notification (a command or a step)"));
    }

    @Provides
    @IntoMap
    @StringKey("scheduler.restore-deferral-schedule")
    static List<ParamSpec> restoreDeferralScheduleParameters() {
        return List.of(); // none: the schedule is the one the call named, if it is of Backstop's group
    }
}
