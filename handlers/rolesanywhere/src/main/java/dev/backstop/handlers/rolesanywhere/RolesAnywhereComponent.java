package dev.backstop.handlers.rolesanywhere;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.rolesanywhere.RolesAnywhereActionsModule;
import dev.backstop.action.rolesanywhere.RolesAnywhereClientModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.rules.source.RulesModule;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import javax.inject.Singleton;

/** The IAM Roles Anywhere function's graph: the engine with the Roles Anywhere actions only. */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, RolesAnywhereActionsModule.class,
        RolesAnywhereClientModule.class})
interface RolesAnywhereComponent extends EngineComponent {

    @Component.Factory
    interface Factory {
        RolesAnywhereComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
