package dev.backstop.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.engine.InvocationTarget;
import dev.backstop.engine.RemediationEngine;
import dev.backstop.rules.RuleSource;

/**
 * What a handler needs from an object graph. Each Lambda function builds a graph of its own
 * domain's actions only (such as {@link TrailComponent}), so its artifact carries only its own
 * services' SDK clients; {@link BackstopComponent} holds every action, for the command line.
 */
public interface EngineComponent {

    RemediationEngine engine();

    /** The rules in force; the default pack is compiled when the source is built. */
    RuleSource rules();

    ObjectMapper json();

    /** The function's own ARN as it was invoked, which deferred decisions' schedules invoke again. */
    InvocationTarget invocationTarget();
}
