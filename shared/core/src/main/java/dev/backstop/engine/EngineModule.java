package dev.backstop.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.ElementsIntoSet;
import dagger.multibindings.IntoMap;
import dev.backstop.action.EventObserver;
import dev.backstop.catalogue.CatalogueParametersModule;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.source.RuleFileLoads;
import dev.backstop.telemetry.Telemetry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * The engine's own collaborators: JSON, the log stream, the read-back policy, the catalogue of
 * every action's parameters that rule files are checked against, its steps for CloudTrail events
 * (a graph that decides alarms adds {@link AlarmTriggersModule}), and the audit of rule file loads.
 */
@Module(includes = CatalogueParametersModule.class)
public abstract class EngineModule {

    private EngineModule() {
    }

    /** Each version of the team's rule file read is audited and notified, put in force or rejected. */
    @Binds
    abstract RuleFileLoads ruleFileLoads(RuleFileAudit loads);

    /**
     * Trees and plain values only: audit records and notifications are written by {@code AuditJson},
     * so no Java-time module (about 75 classes at a cold start). A writer of records with instants
     * registers it on a mapper of its own, as the command line's {@code audit list} does.
     */
    @Provides
    @Singleton
    public static ObjectMapper objectMapper() {
        return new ObjectMapper();
    }

    /** Lambda sends standard output to CloudWatch Logs, where EMF lines become metrics. */
    @Provides
    @Named(Telemetry.OUT)
    static PrintStream telemetryOut() {
        return System.out;
    }

    /** Declares the set of observers, empty until an action family binds one into it. */
    @Provides
    @ElementsIntoSet
    static Set<EventObserver> noObservers() {
        return Set.of();
    }

    @Provides
    @IntoMap
    @ClassKey(CloudTrailEvent.class)
    static TriggerSteps<?> cloudTrailEvents(CloudTrailSteps steps) {
        return steps;
    }

    @Provides
    static VerifyPolicy verifyPolicy() {
        return new VerifyPolicy(5, Duration.ofMillis(200));
    }
}
