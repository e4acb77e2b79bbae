package dev.backstop.handlers.rds;

import dev.backstop.config.Settings;
import dev.backstop.runtime.ApiCallHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for the RDS function: DB and cluster snapshots shared with other accounts
 * (ModifyDBSnapshotAttribute, ModifyDBClusterSnapshotAttribute), delivered by EventBridge as "AWS
 * API Call via CloudTrail". A function of its own because the RDS SDK is large.
 */
public final class RdsHandler extends ApiCallHandler {

    /** Used by Lambda: builds the RDS graph once per container. */
    public RdsHandler() {
        this(DaggerRdsComponent.factory().create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public RdsHandler(EngineComponent component) {
        super(component);
    }
}
