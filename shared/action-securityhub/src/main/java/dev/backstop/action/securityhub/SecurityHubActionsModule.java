package dev.backstop.action.securityhub;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.FindingWorkflow;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.SecurityHubParametersModule;

/**
 * Binds the Security Hub action into the catalogue by name, with its parameters
 * ({@link SecurityHubParametersModule}). Its API comes from {@link SecurityHubClientModule}.
 */
@Module(includes = SecurityHubParametersModule.class)
public abstract class SecurityHubActionsModule {

    private SecurityHubActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(EnableStandardsAction.NAME)
    abstract RemediationAction enableStandards(EnableStandardsAction action);

    /** For the graph that decides findings: the Security Hub findings it fixed are marked RESOLVED. */
    @Module
    public abstract static class Workflow {

        private Workflow() {
        }

        @Binds
        abstract FindingWorkflow findingWorkflow(SecurityHubFindingWorkflow workflow);
    }
}
