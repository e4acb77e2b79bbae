package dev.backstop.handlers.canary;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.canary.Canary;
import dev.backstop.canary.Canary.CanaryRun;
import dev.backstop.canary.CanaryException;
import dev.backstop.canary.CanarySettings;
import dev.backstop.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Lambda entry point for the canary: an EventBridge "Scheduled Event" starts a run
 * ({@link Canary}). Logs and returns one JSON line: the run id and, per account, how the last loop
 * ended and whether a heartbeat went out. An account that could not be checked fails the run, so the
 * error alarm fires.
 */
public final class CanaryHandler implements RequestStreamHandler {

    private final Canary canary;
    private final ObjectMapper json;

    /** Used by Lambda: builds the graph once per container. */
    public CanaryHandler() {
        this(CanaryComponent.create(Settings.fromEnvironment(System.getenv()),
                CanarySettings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public CanaryHandler(CanaryComponent component) {
        this.canary = component.canary();
        this.json = component.json();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        CanaryRun run = canary.run(input.readAllBytes());
        String line = json.writeValueAsString(Map.of("run", run.runId(), "loops", run.loops()));
        context.getLogger().log(line + "\n");
        output.write(line.getBytes(StandardCharsets.UTF_8));
        if (run.failed()) {
            throw new CanaryException("canary run " + run.runId() + " could not check: " + run.loops().stream()
                    .filter(loop -> loop.error() != null).map(loop -> loop.account() + " (" + loop.error() + ")").toList());
        }
    }
}
