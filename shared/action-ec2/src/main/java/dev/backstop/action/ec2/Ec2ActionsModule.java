package dev.backstop.action.ec2;

import dev.backstop.catalogue.Ec2ParametersModule;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dagger.multibindings.StringKey;
import dev.backstop.action.EventObserver;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.UnshareAction;
import dev.backstop.config.Settings;

/**
 * Binds the EC2 (security group, instance, snapshot and image) actions into the catalogue by name, with
 * their parameters ({@link Ec2ParametersModule}). The two share actions are the core's
 * {@link UnshareAction} on EC2's permissions, judged against the deployment's trusted set. The client comes from {@link Ec2ClientModule} in production and
 * from a fake in unit tests.
 */
@Module(includes = Ec2ParametersModule.class)
public abstract class Ec2ActionsModule {

    private Ec2ActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(RevokeWorldIngressAction.NAME)
    abstract RemediationAction revokeWorldIngress(RevokeWorldIngressAction action);

    @Binds
    @IntoMap
    @StringKey(IsolateInstanceAction.NAME)
    abstract RemediationAction isolateInstance(IsolateInstanceAction action);

    @Binds
    @IntoMap
    @StringKey(RecreateFlowLogAction.NAME)
    abstract RemediationAction recreateFlowLog(RecreateFlowLogAction action);

    @Binds
    @IntoMap
    @StringKey(EnableEbsEncryptionAction.NAME)
    abstract RemediationAction enableEbsEncryption(EnableEbsEncryptionAction action);

    @Binds
    @IntoSet
    abstract EventObserver flowLogs(FlowLogRecorder recorder);
    @Provides
    @IntoMap
    @StringKey(Ec2ParametersModule.UNSHARE_SNAPSHOT)
    static RemediationAction unshareSnapshot(SnapshotPermissions snapshots, Settings settings) {
        return new UnshareAction(Ec2ParametersModule.UNSHARE_SNAPSHOT, snapshots, settings.trusted());
    }

    @Provides
    @IntoMap
    @StringKey(Ec2ParametersModule.UNSHARE_IMAGE)
    static RemediationAction unshareImage(ImagePermissions images, Settings settings) {
        return new UnshareAction(Ec2ParametersModule.UNSHARE_IMAGE, images, settings.trusted());
    }
}
