package dev.backstop.handlers.lambda;

import dev.backstop.config.Settings;
import dev.backstop.runtime.ApiCallHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for the Lambda-deployments function: alias moves and published versions
 * (CreateAlias, UpdateAlias, PublishVersion, UpdateFunctionCode, each with Lambda's API version
 * in its name), delivered by EventBridge as "AWS API Call via CloudTrail". Its job is the alias
 * history that {@code lambda.rollback-alias} rolls back from; a team's rules may act on these
 * calls too.
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
