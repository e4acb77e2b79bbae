package dev.backstop.action.ec2;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;

/** Binds the EC2 (security group) actions into the catalogue by name. */
@Module
public abstract class Ec2ActionsModule {

    private Ec2ActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(RevokeWorldIngressAction.NAME)
    abstract RemediationAction revokeWorldIngress(RevokeWorldIngressAction action);
}
