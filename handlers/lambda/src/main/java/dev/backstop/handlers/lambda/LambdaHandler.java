package dev.backstop.handlers.lambda;

import dev.backstop.config.Settings;
import dev.backstop.runtime.ApiCallHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for the Lambda function: alias moves and published versions (CreateAlias,
 * UpdateAlias, PublishVersion, UpdateFunctionCode, each with Lambda's API version in its name),
 * for the alias history that {@code lambda.rollback-alias} rolls back from; and the calls that
 * open a function to others (AddPermission, a function URL without auth, layers set), which
 * its actions take back. Delivered by EventBridge as "AWS API Call via CloudTrail".
 */
public final class LambdaHandler extends ApiCallHandler {

    /** Used by Lambda: builds the Lambda graph once per container. */
    public LambdaHandler() {
        this(DaggerLambdaComponent.factory().create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public LambdaHandler(EngineComponent component) {
        super(component);
    }
}
