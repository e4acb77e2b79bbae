package dev.backstop.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.AuditRecord;
import dev.backstop.engine.RemediationEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.crac.Core;

/**
 * Lambda entry point for CloudTrail events delivered by EventBridge ("AWS API Call via
 * CloudTrail"). Reads the bytes, hands them to the engine, logs and returns the decision.
 */
public final class CloudTrailHandler implements RequestStreamHandler {

    private final RemediationEngine engine;
    private final ObjectMapper json;
    // Held here because a CRaC context keeps its resources only weakly.
    private final Priming priming;

    /** Used by Lambda: builds the component once per container. */
    public CloudTrailHandler() {
        this(BackstopComponent.fromEnvironment());
    }

    /** Registers SnapStart priming; it runs only if a snapshot is taken. */
    public CloudTrailHandler(BackstopComponent component) {
        this.engine = component.engine();
        this.json = component.json();
        this.priming = component.priming();
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        AuditRecord decision = engine.handle(input.readAllBytes());
        String line = json.writeValueAsString(Map.of(
                "auditId", decision.auditId(), "outcome", decision.outcome(), "reason", decision.reason()));
        context.getLogger().log(line + "\n");
        output.write(line.getBytes(StandardCharsets.UTF_8));
    }
}
