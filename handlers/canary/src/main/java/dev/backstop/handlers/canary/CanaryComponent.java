package dev.backstop.handlers.canary;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.canary.Canary;
import dev.backstop.canary.CanaryModule;
import dev.backstop.canary.CanarySettings;
import dev.backstop.config.Settings;
import java.time.Clock;
import javax.inject.Singleton;

/** The canary's graph: its bucket, its ledger in the audit table, its roles, its heartbeat. No engine, no action. */
@Singleton
@Component(modules = {AwsClientsModule.class, CanaryModule.class})
public interface CanaryComponent {

    Canary canary();

    ObjectMapper json();

    static CanaryComponent create(Settings settings, CanarySettings canary, Clock clock) {
        return DaggerCanaryComponent.factory().create(settings, canary, clock);
    }

    @Component.Factory
    interface Factory {
        CanaryComponent create(@BindsInstance Settings settings, @BindsInstance CanarySettings canary,
                @BindsInstance Clock clock);
    }
}
