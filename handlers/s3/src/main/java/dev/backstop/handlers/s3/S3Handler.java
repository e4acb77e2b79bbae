package dev.backstop.handlers.s3;

import dev.backstop.config.Settings;
import dev.backstop.runtime.ApiCallHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for the S3 function: calls that change who can reach a bucket (its policy,
 * ACL and Block Public Access, and the account's Block Public Access), delivered by EventBridge
 * as "AWS API Call via CloudTrail".
 */
public final class S3Handler extends ApiCallHandler {

    /** Used by Lambda: builds the S3 graph once per container. */
    public S3Handler() {
        this(DaggerS3Component.factory().create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public S3Handler(EngineComponent component) {
        super(component);
    }
}
