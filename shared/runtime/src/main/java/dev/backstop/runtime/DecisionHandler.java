package dev.backstop.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        // Neither part needs the other: the engine reads the rules only when it decides.
        this.engine = ParallelStart.whileBuilding(component::engine, component::rules);
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
        List<ObjectNode> lines = engine.handle(JsonInput.readCapped(input), reader).stream().map(this::line).toList();
        for (ObjectNode line : lines) {
            context.getLogger().log(line + "\n");
        }
        JsonNode answer = lines.size() == 1 ? lines.get(0) : json.createArrayNode().addAll(lines);
        output.write(answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    // A tree, not a map: written without the serializers databind would introspect for a map class at a cold start.
    private ObjectNode line(AuditRecord decision) {
        return json.createObjectNode().put("auditId", decision.auditId()).put("outcome", decision.outcome().name())
                .put("reason", decision.reason());
    }
}
