package dev.backstop.handlers.cloudtrail;

import dev.backstop.config.Settings;
import dev.backstop.runtime.ApiCallHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import org.crac.Core;

/**
 * Lambda entry point for the CloudTrail function: CloudTrail's own API calls (StopLogging and
 * the like), delivered by EventBridge as "AWS API Call via CloudTrail".
 */
public final class CloudTrailHandler extends ApiCallHandler {

    /** Used by Lambda: builds the trail graph once per container and registers SnapStart priming. */
    public CloudTrailHandler() {
        this(primed(TrailComponent.create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC())));
    }

    public CloudTrailHandler(EngineComponent component) {
        super(component);
    }

    /** Priming runs only if a snapshot is taken; the graph, which the handler keeps, holds it. */
    private static TrailComponent primed(TrailComponent component) {
        Core.getGlobalContext().register(component.priming());
        return component;
    }
}
