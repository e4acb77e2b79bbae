package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/** The parameters rules may give the DynamoDB actions, for checking rule files everywhere. */
@Module
public final class DynamoDbParametersModule {

    private DynamoDbParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("dynamodb.enable-point-in-time-recovery")
    static List<ParamSpec> enablePointInTimeRecoveryParameters() {
        return List.of(); // none: the table is the one the call named, if it is Backstop's own
    }
}
