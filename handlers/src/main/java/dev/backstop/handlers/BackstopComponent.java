package dev.backstop.handlers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Settings;
import dev.backstop.engine.EngineModule;
import dev.backstop.engine.RemediationEngine;
import dev.backstop.rules.RuleSource;
import dev.backstop.rules.source.RulesModule;
import java.time.Clock;
import javax.inject.Singleton;

/** The production object graph, built once per Lambda container (or CLI run). */
@Singleton
@Component(modules = {AwsClientsModule.class, EngineModule.class, RulesModule.class, CloudTrailActionsModule.class})
public interface BackstopComponent {

    RemediationEngine engine();

    ObjectMapper json();

    /** The rules in force, compiled on first use (the engine asks for them too). */
    RuleSource rules();

    /** SnapStart priming, registered by the handler; its SDK clients are the engine's. */
    Priming priming();

    /** Builds the graph from the process environment, failing with the name of a bad variable. */
    static BackstopComponent fromEnvironment() {
        return factory().create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC());
    }

    static Factory factory() {
        return DaggerBackstopComponent.factory();
    }

    @Component.Factory
    interface Factory {
        BackstopComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock);
    }
}
