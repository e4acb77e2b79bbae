package dev.backstop.handlers.watchdog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.Settings;
import dev.backstop.watchdog.TrailWatchdog;
import dev.backstop.watchdog.TrailWatchdog.TrailResult;
import dev.backstop.watchdog.TrailWatchdog.WatchdogRun;
import dev.backstop.watchdog.WatchdogScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Core;

/**
 * Lambda entry point for the trail watchdog: an EventBridge "Scheduled Event" starts a run, which
 * checks the trails and hands the drifted ones to the engine ({@link TrailWatchdog}). Logs and
 * returns one JSON line: the run id and, per trail, its drift and the decision on it.
 */
public final class TrailWatchdogHandler implements RequestStreamHandler {

    // Kept for the handler's life: the graph holds what the CRaC context only holds weakly.
    private final WatchdogComponent component;
    private final TrailWatchdog watchdog;
    private final ObjectMapper json;
    private final WatchdogScope scope;

    /** Used by Lambda: builds the trail graph once per container and registers SnapStart priming. */
    public TrailWatchdogHandler() {
        this(primed(WatchdogComponent.create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC())),
                WatchdogScope.fromEnvironment(System.getenv()));
    }

    public TrailWatchdogHandler(WatchdogComponent component, WatchdogScope scope) {
        this.component = component;
        this.watchdog = component.watchdog();
        this.json = component.json();
        this.scope = scope;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        WatchdogRun run = watchdog.run(input.readAllBytes(), scope);
        List<Map<String, Object>> trails = run.trails().stream().map(TrailWatchdogHandler::summary).toList();
        String line = json.writeValueAsString(Map.of("run", run.runId(), "trails", trails));
        context.getLogger().log(line + "\n");
        output.write(line.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> summary(TrailResult trail) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("trail", trail.trailArn());
        summary.put("drift", trail.drift());
        summary.put("snapshotted", trail.snapshotted());
        if (trail.decision() != null) {
            summary.put("auditId", trail.decision().auditId());
            summary.put("outcome", trail.decision().outcome());
        }
        return summary;
    }

    private static WatchdogComponent primed(WatchdogComponent component) {
        Core.getGlobalContext().register(component.priming());
        return component;
    }
}
