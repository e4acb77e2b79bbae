package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/** The parameters rules may give the AWS Config actions: none, the recorder comes from the trigger. */
@Module
public final class ConfigParametersModule {

    private ConfigParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("config.start-recorder")
    static List<ParamSpec> startRecorderParameters() {
        return List.of();
    }
}
