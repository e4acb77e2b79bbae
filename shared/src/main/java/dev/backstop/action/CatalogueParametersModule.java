package dev.backstop.action;

import dagger.Module;
import dev.backstop.action.cloudtrail.CloudTrailParametersModule;
import dev.backstop.action.ec2.Ec2ParametersModule;

/**
 * Every catalogue action's parameters, for the graphs that hold only some of the actions. The
 * default pack names actions of every domain, and each function checks the whole pack when it
 * loads it; a function that gets an event for an action it lacks records a FAILED action. Add
 * each domain's parameters module here.
 */
@Module(includes = {CloudTrailParametersModule.class, Ec2ParametersModule.class})
public final class CatalogueParametersModule {

    private CatalogueParametersModule() {
    }
}
