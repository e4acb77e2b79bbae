package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/**
 * The parameters rules may give each CloudTrail action. Data only, no action and no client, so
 * every function and {@code ./backstop validate} can check rule files for the whole catalogue.
 * Declared here, not on the action: functions without the CloudTrail SDK load this class too,
 * and could not initialise an action class that names CloudTrail's exceptions.
 */
@Module
public final class CloudTrailParametersModule {

    private CloudTrailParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("cloudtrail.start-logging")
    static List<ParamSpec> startLoggingParameters() {
        return List.of(); // none: the trail comes from the event
    }

    // None for the others either: the trail comes from the event, the settings from its snapshot.

    @Provides
    @IntoMap
    @StringKey("cloudtrail.recreate-trail")
    static List<ParamSpec> recreateTrailParameters() {
        return List.of();
    }

    @Provides
    @IntoMap
    @StringKey("cloudtrail.restore-trail-settings")
    static List<ParamSpec> restoreTrailSettingsParameters() {
        return List.of();
    }

    @Provides
    @IntoMap
    @StringKey("cloudtrail.restore-event-selectors")
    static List<ParamSpec> restoreEventSelectorsParameters() {
        return List.of();
    }

    @Provides
    @IntoMap
    @StringKey("cloudtrail.enable-log-file-validation")
    static List<ParamSpec> enableLogFileValidationParameters() {
        return List.of(); // none: the trail comes from the finding
    }
}
