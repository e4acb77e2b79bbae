package dev.backstop.cli.rules;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.catalogue.CatalogueParametersModule;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.RuleLoader;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The action catalogue as rule files see it: each action's name and parameters
 * ({@link CatalogueParametersModule}; a test keeps it in step with the actions the production
 * component binds). No action and no SDK client is built, and no AWS setting is read.
 */
@Component(modules = CatalogueParametersModule.class)
public interface CatalogueComponent {

    RuleLoader ruleLoader();

    Map<String, List<ParamSpec>> actionParameters();

    static CatalogueComponent create(Clock clock) {
        return DaggerCatalogueComponent.factory().create(clock);
    }

    @Component.Factory
    interface Factory {
        CatalogueComponent create(@BindsInstance Clock clock);
    }
}
