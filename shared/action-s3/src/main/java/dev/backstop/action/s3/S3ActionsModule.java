package dev.backstop.action.s3;

import dev.backstop.catalogue.S3ParametersModule;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.EventObserver;

/**
 * Binds the S3 actions into the catalogue by name, (through {@link S3ParametersModule}) the
 * parameters rules may give each one, and the recorder of the bucket policy history they restore
 * from into the engine's observers. The S3 Control client comes from {@link S3ClientModule} in
 * production and from a fake in tests.
 */
@Module(includes = S3ParametersModule.class)
public abstract class S3ActionsModule {

    private S3ActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(RestoreBucketPolicyAction.NAME)
    abstract RemediationAction restoreBucketPolicy(RestoreBucketPolicyAction action);

    @Binds
    @IntoMap
    @StringKey(RemovePublicPolicyStatementsAction.NAME)
    abstract RemediationAction removePublicPolicyStatements(RemovePublicPolicyStatementsAction action);

    @Binds
    @IntoMap
    @StringKey(RemoveOutsidePolicyStatementsAction.NAME)
    abstract RemediationAction removeOutsidePolicyStatements(RemoveOutsidePolicyStatementsAction action);

    @Binds
    @IntoMap
    @StringKey(RemoveOutsideReplicationAction.NAME)
    abstract RemediationAction removeOutsideReplication(RemoveOutsideReplicationAction action);

    @Binds
    @IntoMap
    @StringKey(BlockPublicAccessAction.NAME)
    abstract RemediationAction blockPublicAccess(BlockPublicAccessAction action);

    @Binds
    @IntoMap
    @StringKey(MakeAclPrivateAction.NAME)
    abstract RemediationAction makeAclPrivate(MakeAclPrivateAction action);

    @Binds
    @IntoMap
    @StringKey(RestoreLifecycleAction.NAME)
    abstract RemediationAction restoreLifecycle(RestoreLifecycleAction action);

    @Binds
    @IntoMap
    @StringKey(NotifyBackstopTagsAction.NAME)
    abstract RemediationAction notifyBackstopTags(NotifyBackstopTagsAction action);

    @Binds
    @IntoSet
    abstract EventObserver bucketPolicies(BucketPolicyRecorder recorder);

    @Binds
    @IntoSet
    abstract EventObserver lifecycles(LifecycleRecorder recorder);
}
