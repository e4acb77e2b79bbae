package dev.backstop.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.AuditRecord;
import dev.backstop.engine.RemediationEngine;
import dev.backstop.event.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What every CloudTrail-event handler does: read the bytes, hand them to the engine, log and
 * return the decision as one JSON line. Subclasses only choose the graph, once per container.
 */
public abstract class ApiCallHandler implements RequestStreamHandler {

    // Kept for the handler's life: the graph holds what the CRaC context only holds weakly.
    private final EngineComponent component;
    private final RemediationEngine engine;
    private final ObjectMapper json;

    protected ApiCallHandler(EngineComponent component) {
        this.component = component;
        this.engine = component.engine();
        this.json = component.json();
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        AuditRecord decision = engine.handle(JsonInput.readCapped(input));
        String line = json.writeValueAsString(Map.of(
                "auditId", decision.auditId(), "outcome", decision.outcome(), "reason", decision.reason()));
        context.getLogger().log(line + "\n");
        output.write(line.getBytes(StandardCharsets.UTF_8));
    }
}
