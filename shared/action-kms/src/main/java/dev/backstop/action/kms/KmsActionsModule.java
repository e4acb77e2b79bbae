package dev.backstop.action.kms;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.KmsParametersModule;
import dev.backstop.config.OwnResources;
import java.util.Optional;

/** Binds the KMS actions into the catalogue by name; the client comes from {@link KmsClientModule}. */
@Module(includes = KmsParametersModule.class)
public abstract class KmsActionsModule {

    private KmsActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(CancelKeyDeletionAction.NAME)
    abstract RemediationAction cancelKeyDeletion(CancelKeyDeletionAction action);

    @Provides
    @IntoMap
    @StringKey(CancelKeyDeletionAction.CUSTOMER_NAME)
    static RemediationAction cancelCustomerKeyDeletion(Keys keys, Optional<OwnResources> own) {
        return CancelKeyDeletionAction.customerKeys(keys, own);
    }

    @Binds
    @IntoMap
    @StringKey(EnableKeyAction.NAME)
    abstract RemediationAction enableKey(EnableKeyAction action);

    @Binds
    @IntoMap
    @StringKey(NotifyOutsideKeyPolicyAction.NAME)
    abstract RemediationAction notifyOutsideKeyPolicy(NotifyOutsideKeyPolicyAction action);

    /** Backstop's own resources, which the self-watch rules guard; a graph without them has no own keys (every key is a customer's). */
    @BindsOptionalOf
    abstract OwnResources ownResources();
}
