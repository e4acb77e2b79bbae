package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/** The parameters rules may give the GuardDuty actions: none, the detector and the list come from the trigger. */
@Module
public final class GuardDutyParametersModule {

    private GuardDutyParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("guardduty.enable-detector")
    static List<ParamSpec> enableDetectorParameters() {
        return List.of();
    }

    @Provides
    @IntoMap
    @StringKey("guardduty.deactivate-ip-set")
    static List<ParamSpec> deactivateIpSetParameters() {
        return List.of();
    }
}
