package dev.backstop.handlers.s3findings;

import dev.backstop.config.Settings;
import dev.backstop.event.FindingParser;
import dev.backstop.runtime.DecisionHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for Security Hub's S3 control findings ("Security Hub Findings - Imported"
 * events whose control id starts with S3.), each finding decided on its own.
 */
public final class S3FindingsHandler extends DecisionHandler {

    /** Used by Lambda: builds the S3 findings graph once per container. */
    public S3FindingsHandler() {
        this(S3FindingsComponent.create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public S3FindingsHandler(EngineComponent component) {
        super(component, new FindingParser());
    }
}
