package dev.backstop.handlers.alarm;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.AuditRecord;
import dev.backstop.engine.AlarmEngine;
import dev.backstop.event.JsonInput;
import dev.backstop.runtime.AlarmEngineComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What every alarm handler does: read the bytes, hand them to the alarm engine (which reads every
 * alarm shape), log one JSON line per decision and return the decisions. Subclasses choose the
 * graph, once per container.
 */
public abstract class AlarmDeliveryHandler implements RequestStreamHandler {

    // Kept for the handler's life: the graph holds what the CRaC context only holds weakly.
    private final AlarmEngineComponent component;
    private final AlarmEngine alarms;
    private final ObjectMapper json;

    protected AlarmDeliveryHandler(AlarmEngineComponent component) {
        this.component = component;
        this.alarms = component.alarms();
        this.json = component.json();
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<Map<String, Object>> lines = alarms.handle(JsonInput.readCapped(input)).stream().map(AlarmDeliveryHandler::line).toList();
        for (Map<String, Object> line : lines) {
            context.getLogger().log(json.writeValueAsString(line) + "\n");
        }
        output.write(json.writeValueAsString(lines.size() == 1 ? lines.get(0) : lines).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> line(AuditRecord decision) {
        return Map.of("auditId", decision.auditId(), "outcome", decision.outcome(), "reason", decision.reason());
    }
}
