package dev.backstop.handlers;

import dev.backstop.config.Settings;
import java.time.Clock;

/**
 * Lambda entry point for the CloudTrail function: CloudTrail's own API calls (StopLogging and
 * the like), delivered by EventBridge as "AWS API Call via CloudTrail".
 */
public final class CloudTrailHandler extends ApiCallHandler {

    /** Used by Lambda: builds the trail graph once per container. */
    public CloudTrailHandler() {
        this(DaggerTrailComponent.factory().create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public CloudTrailHandler(EngineComponent component) {
        super(component);
    }
}
