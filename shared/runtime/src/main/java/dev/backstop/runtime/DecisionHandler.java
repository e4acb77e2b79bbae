package dev.backstop.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.AuditRecord;
import dev.backstop.engine.InvocationTarget;
import dev.backstop.engine.RemediationEngine;
import dev.backstop.event.JsonInput;
import dev.backstop.event.TriggerReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What every handler does: read the bytes into triggers with its function's reader, hand them to
 * the engine, log one JSON line per decision and return the decision (a list when the payload held
 * several). Subclasses only choose the graph, once per container, and the reader.
 */
public abstract class DecisionHandler implements RequestStreamHandler {

    // Kept for the handler's life: the graph holds what the CRaC context only holds weakly.
    private final EngineComponent component;
    private final RemediationEngine engine;
    private final TriggerReader reader;
    private final ObjectMapper json;
    private final InvocationTarget target;

    protected DecisionHandler(EngineComponent component, TriggerReader reader) {
        this.component = component;
        this.engine = component.engine();
        // At the cold start, not on the first event: a graph without the engine's steps for its triggers is a build error.
        if (!engine.decides(reader.reads())) {
            throw new IllegalStateException("this function's graph cannot decide the " + reader.reads().getSimpleName()
                    + "s its handler reads: bind the engine's steps for them");
        }
        this.reader = reader;
        this.json = component.json();
        this.target = component.invocationTarget();
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // A decision put off to later (a veto window, a settle time) is run by invoking this function again.
        if (context.getInvokedFunctionArn() != null) {
            target.set(context.getInvokedFunctionArn());
        }
        // No more than the largest event and one byte: a larger payload is rejected without being held.
        List<Map<String, Object>> lines = engine.handle(JsonInput.readCapped(input), reader).stream()
                .map(DecisionHandler::line).toList();
        for (Map<String, Object> line : lines) {
            context.getLogger().log(json.writeValueAsString(line) + "\n");
        }
        output.write(json.writeValueAsString(lines.size() == 1 ? lines.get(0) : lines).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> line(AuditRecord decision) {
        // The outcome by its name: a string, so writing the line needs no serializer built for the enum.
        return Map.of("auditId", decision.auditId(), "outcome", decision.outcome().name(), "reason", decision.reason());
    }
}
