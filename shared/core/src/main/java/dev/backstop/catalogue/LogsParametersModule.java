package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import java.util.List;

/** The parameters rules may give the CloudWatch Logs action, for checking rule files everywhere. */
@Module
public final class LogsParametersModule {

    public static final String MINIMUM_DAYS = "minimumDays";

    private LogsParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("logs.restore-retention")
    static List<ParamSpec> restoreRetentionParameters() {
        return List.of(new ParamSpec(MINIMUM_DAYS, ParamType.INTEGER, false,
                "the retention to set when Backstop recorded none for the group before the cut (a value CloudWatch"
                        + " Logs accepts, such as 365); without it, such a cut is reported as FAILED for a person"));
    }
}
