package dev.backstop.catalogue;

import dagger.Module;

/**
 * Every action's parameters, for checking rule files. Each function runs its own domain's actions
 * only, but loads rule files that name actions of every domain, so it checks them against the
 * whole catalogue. A new action family adds its parameters module here.
 */
@Module(includes = {CloudTrailParametersModule.class, IamParametersModule.class, Ec2ParametersModule.class,
        S3ParametersModule.class, LambdaParametersModule.class, CloudWatchParametersModule.class,
        NotifyParametersModule.class, GuardDutyParametersModule.class, ConfigParametersModule.class,
        SecurityHubParametersModule.class, ResolverParametersModule.class, LogsParametersModule.class,
        EventsParametersModule.class, KmsParametersModule.class, DynamoDbParametersModule.class,
        SelfWatchParametersModule.class, RdsParametersModule.class, RolesAnywhereParametersModule.class})
public final class CatalogueParametersModule {

    private CatalogueParametersModule() {
    }
}
