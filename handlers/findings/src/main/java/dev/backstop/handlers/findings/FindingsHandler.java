package dev.backstop.handlers.findings;

import dev.backstop.config.Settings;
import dev.backstop.event.FindingParser;
import dev.backstop.runtime.DecisionHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for findings: "GuardDuty Finding" events and "Security Hub Findings -
 * Imported" events of every control but S3's (the S3 findings function's), each finding decided
 * on its own.
 */
public final class FindingsHandler extends DecisionHandler {

    /** Used by Lambda: builds the findings graph once per container. */
    public FindingsHandler() {
        this(FindingsComponent.create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public FindingsHandler(EngineComponent component) {
        super(component, new FindingParser());
    }
}
