package dev.backstop.handlers.selfwatch;

import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import dev.backstop.runtime.ApiCallHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for the self-watch function: calls that change Backstop's own resources
 * (its EventBridge rules, members' forwarding rules among them, functions and aliases, roles,
 * audit table, topics, queue, key, alarms, the team's rule file), delivered by EventBridge as "AWS
 * API Call via CloudTrail". The self-watch rules of the default pack decide; their actions act
 * only on what {@code BACKSTOP_OWN_RESOURCES} names.
 */
public final class SelfWatchHandler extends ApiCallHandler {

    /** Used by Lambda: builds the self-watch graph once per container. */
    public SelfWatchHandler() {
        this(SelfWatchComponent.create(Settings.fromEnvironment(System.getenv()),
                OwnResources.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public SelfWatchHandler(EngineComponent component) {
        super(component);
    }
}
