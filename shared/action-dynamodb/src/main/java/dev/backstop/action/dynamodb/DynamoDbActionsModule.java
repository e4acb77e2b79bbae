package dev.backstop.action.dynamodb;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.DynamoDbParametersModule;
import dev.backstop.config.OwnResources;

/**
 * Binds the DynamoDB actions into the catalogue by name. Their client is the audit table's, which
 * every graph has ({@link dev.backstop.aws.AwsClientsModule}): the table they guard is the home account's.
 */
@Module(includes = DynamoDbParametersModule.class)
public abstract class DynamoDbActionsModule {

    private DynamoDbActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(EnablePointInTimeRecoveryAction.NAME)
    abstract RemediationAction enablePointInTimeRecovery(EnablePointInTimeRecoveryAction action);

    /** Backstop's own resources, which the self-watch actions guard; a graph without them guards none. */
    @BindsOptionalOf
    abstract OwnResources ownResources();
}
