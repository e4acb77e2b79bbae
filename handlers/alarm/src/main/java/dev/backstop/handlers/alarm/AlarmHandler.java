package dev.backstop.handlers.alarm;

import dev.backstop.config.Settings;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for CloudWatch alarms delivered by EventBridge as "CloudWatch Alarm State
 * Change" (the Lambda alarm action's {@code alarmData} payload is read too).
 */
public final class AlarmHandler extends AlarmDeliveryHandler {

    /** Used by Lambda: builds the alarm graph once per container and registers SnapStart priming. */
    public AlarmHandler() {
        this(AlarmComponent.primed(Settings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public AlarmHandler(EngineComponent component) {
        super(component);
    }
}
