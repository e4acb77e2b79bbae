package dev.backstop.handlers.detection;

import dev.backstop.config.Settings;
import dev.backstop.runtime.ApiCallHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for the detection function: calls that switch off or blind the account's
 * detective services (GuardDuty, AWS Config, Security Hub, Route 53 Resolver query logging, log
 * group retention), delivered by EventBridge as "AWS API Call via CloudTrail".
 */
public final class DetectionHandler extends ApiCallHandler {

    /** Used by Lambda: builds the detection graph once per container. */
    public DetectionHandler() {
        this(DetectionComponent.create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public DetectionHandler(EngineComponent component) {
        super(component);
    }
}
