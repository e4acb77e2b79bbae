package dev.backstop.runtime;

import dev.backstop.event.CloudTrailEventParser;

/** What every CloudTrail-event handler is: a {@link DecisionHandler} that reads one CloudTrail event a payload. */
public abstract class ApiCallHandler extends DecisionHandler {

    protected ApiCallHandler(EngineComponent component) {
        super(component, new CloudTrailEventParser());
    }
}
