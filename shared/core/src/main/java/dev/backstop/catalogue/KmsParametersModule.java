package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/** The parameters rules may give the KMS actions, for checking rule files everywhere. */
@Module
public final class KmsParametersModule {

    private KmsParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("kms.cancel-key-deletion")
    static List<ParamSpec> cancelKeyDeletionParameters() {
        return List.of(); // none: the key is the one the call named, if it is Backstop's own
    }

    @Provides
    @IntoMap
    @StringKey("kms.cancel-customer-key-deletion")
    static List<ParamSpec> cancelCustomerKeyDeletionParameters() {
        return List.of(); // none: the key is the one the call named, if it is not Backstop's own
    }

    @Provides
    @IntoMap
    @StringKey("kms.notify-outside-key-policy")
    static List<ParamSpec> notifyOutsideKeyPolicyParameters() {
        return List.of(); // none: the key and its policy are the call's
    }

    @Provides
    @IntoMap
    @StringKey("kms.enable-key")
    static List<ParamSpec> enableKeyParameters() {
        return List.of(); // none: the key is the one the call named, if it is Backstop's own
    }
}
