package dev.backstop.handlers.alarm;

import dev.backstop.config.Settings;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for CloudWatch alarms delivered through an SNS topic: the Lambda SNS event,
 * whose every record ({@code Records[].Sns.Message}) is one alarm, decided on its own.
 */
public final class SnsAlarmHandler extends AlarmDeliveryHandler {

    /** Used by Lambda: builds the alarm graph once per container and registers SnapStart priming. */
    public SnsAlarmHandler() {
        this(AlarmComponent.primed(Settings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public SnsAlarmHandler(EngineComponent component) {
        super(component);
    }
}
