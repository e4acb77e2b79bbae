package dev.backstop.handlers.iam;

import dev.backstop.config.Settings;
import dev.backstop.runtime.ApiCallHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for the IAM function: risky IAM calls, console sign-ins and access-key use,
 * delivered by EventBridge in us-east-1.
 */
public final class IamHandler extends ApiCallHandler {

    /** Used by Lambda: builds the IAM graph once per container. */
    public IamHandler() {
        this(DaggerIamComponent.factory().create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public IamHandler(EngineComponent component) {
        super(component);
    }
}
