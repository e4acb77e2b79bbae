package dev.backstop.handlers.alarm;

import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.runtime.DecisionHandler;
import dev.backstop.runtime.EngineComponent;

/**
 * What every alarm handler is: a {@link DecisionHandler} that reads every alarm shape, and every
 * record of an SNS delivery, each decided on its own. Subclasses choose the graph, once per container.
 */
public abstract class AlarmDeliveryHandler extends DecisionHandler {

    protected AlarmDeliveryHandler(EngineComponent component) {
        super(component, new AlarmPayloadParser());
    }
}
