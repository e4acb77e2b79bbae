package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/** The parameters rules may give the CloudWatch actions, for checking rule files everywhere. */
@Module
public final class CloudWatchParametersModule {

    private CloudWatchParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("cloudwatch.notify")
    static List<ParamSpec> notifyParameters() {
        return List.of(); // none: the alarm and the changes before it are the message
    }

    @Provides
    @IntoMap
    @StringKey("cloudwatch.enable-alarm-actions")
    static List<ParamSpec> enableAlarmActionsParameters() {
        return List.of(); // none: the alarms are the call's, those of them that are Backstop's own
    }
}
