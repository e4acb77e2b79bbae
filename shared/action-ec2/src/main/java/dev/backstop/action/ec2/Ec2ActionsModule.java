package dev.backstop.action.ec2;

import dev.backstop.catalogue.Ec2ParametersModule;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dagger.multibindings.StringKey;
import dev.backstop.action.EventObserver;
import dev.backstop.action.RemediationAction;

/**
 * Binds the EC2 (security group and instance) actions into the catalogue by name, with their parameters
 * ({@link Ec2ParametersModule}). The client comes from {@link Ec2ClientModule} in production and
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
}
