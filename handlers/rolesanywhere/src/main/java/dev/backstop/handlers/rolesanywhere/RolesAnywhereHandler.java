package dev.backstop.handlers.rolesanywhere;

import dev.backstop.config.Settings;
import dev.backstop.runtime.ApiCallHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for the IAM Roles Anywhere function: trust anchors created or enabled
 * (CreateTrustAnchor, EnableTrustAnchor), delivered by EventBridge as "AWS API Call via
 * CloudTrail". Roles Anywhere is regional, unlike IAM, so it is no part of the IAM function,
 * which exists in us-east-1 only.
 */
public final class RolesAnywhereHandler extends ApiCallHandler {

    /** Used by Lambda: builds the Roles Anywhere graph once per container. */
    public RolesAnywhereHandler() {
        this(DaggerRolesAnywhereComponent.factory().create(Settings.fromEnvironment(System.getenv()),
                Clock.systemUTC()));
    }

    public RolesAnywhereHandler(EngineComponent component) {
        super(component);
    }
}
