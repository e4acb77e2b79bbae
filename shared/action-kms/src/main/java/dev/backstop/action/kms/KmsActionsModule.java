package dev.backstop.action.kms;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.KmsParametersModule;
import dev.backstop.config.OwnResources;

/** Binds the KMS actions into the catalogue by name; the client comes from {@link KmsClientModule}. */
@Module(includes = KmsParametersModule.class)
public abstract class KmsActionsModule {

    private KmsActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(CancelKeyDeletionAction.NAME)
    abstract RemediationAction cancelKeyDeletion(CancelKeyDeletionAction action);

    @Binds
    @IntoMap
    @StringKey(EnableKeyAction.NAME)
    abstract RemediationAction enableKey(EnableKeyAction action);

    /** Backstop's own resources, which the self-watch rules guard; a graph without them has no own keys. */
    @BindsOptionalOf
    abstract OwnResources ownResources();
}
