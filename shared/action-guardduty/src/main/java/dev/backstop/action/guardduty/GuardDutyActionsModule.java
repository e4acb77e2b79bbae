package dev.backstop.action.guardduty;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.GuardDutyParametersModule;

/**
 * Binds the GuardDuty actions into the catalogue by name, with their parameters
 * ({@link GuardDutyParametersModule}). Their API comes from {@link GuardDutyClientModule} in
 * production and from a fake HTTP client in unit tests.
 */
@Module(includes = GuardDutyParametersModule.class)
public abstract class GuardDutyActionsModule {

    private GuardDutyActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(EnableDetectorAction.NAME)
    abstract RemediationAction enableDetector(EnableDetectorAction action);

    @Binds
    @IntoMap
    @StringKey(DeactivateIpSetAction.NAME)
    abstract RemediationAction deactivateIpSet(DeactivateIpSetAction action);
}
