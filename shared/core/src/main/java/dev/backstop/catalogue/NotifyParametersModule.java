package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import java.util.List;

/** The parameters rules may give {@code notify.send}, for checking rule files everywhere. */
@Module
public final class NotifyParametersModule {

    public static final String ADVICE = "advice";

    private NotifyParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("notify.send")
    static List<ParamSpec> sendParameters() {
        return List.of(new ParamSpec(ADVICE, ParamType.STRING, false,
                "what a person should do or run, sent with the notification; ${account} and ${region} are replaced"
                        + " by the trigger's"));
    }
}
