package dev.backstop.cli.rules;

import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.ec2.Ec2ActionsModule;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.RuleLoader;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The action catalogue as rule files see it: each action's name and parameters, from the same
 * actions modules the production component binds (a test keeps the two lists alike). Nothing
 * here asks for the actions themselves, so no SDK client is built and no AWS setting is read.
 */
@Component(modules = {CloudTrailActionsModule.class, Ec2ActionsModule.class})
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
