package dev.backstop.handlers.watchdog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.ChainProblem;
import dev.backstop.config.Settings;
import dev.backstop.watchdog.AnchorLocation;
import dev.backstop.watchdog.HeadAnchoring;
import dev.backstop.watchdog.HeadAnchoring.AnchorRun;
import dev.backstop.watchdog.TrailWatchdog;
import dev.backstop.watchdog.TrailWatchdog.TrailResult;
import dev.backstop.watchdog.TrailWatchdog.WatchdogRun;
import dev.backstop.watchdog.WatchdogException;
import dev.backstop.watchdog.WatchdogScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;

/**
 * Lambda entry point for the trail watchdog: an EventBridge "Scheduled Event" starts a run, which
 * checks the trails and hands the drifted ones to the engine ({@link TrailWatchdog}), then anchors
 * the audit chains' heads ({@link HeadAnchoring}) where the deployment names an anchor. Logs and
 * returns one JSON line: the run id, per trail its drift and the decision on it, and the anchor's
 * part. A table that disagrees with the last anchor fails the run, so the error alarm fires.
 */
public final class TrailWatchdogHandler implements RequestStreamHandler {

    // Kept for the handler's life: the graph holds what the CRaC context only holds weakly.
    private final WatchdogComponent component;
    private final TrailWatchdog watchdog;
    private final ObjectMapper json;
    private final WatchdogScope scope;
    private final Optional<AnchorLocation> anchor;

    /** Used by Lambda: builds the trail graph once per container and registers SnapStart priming. */
    public TrailWatchdogHandler() {
        this(primed(WatchdogComponent.create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC())),
                WatchdogScope.fromEnvironment(System.getenv()), AnchorLocation.fromEnvironment(System.getenv()));
    }

    /** A watchdog that anchors nothing. */
    public TrailWatchdogHandler(WatchdogComponent component, WatchdogScope scope) {
        this(component, scope, Optional.empty());
    }

    public TrailWatchdogHandler(WatchdogComponent component, WatchdogScope scope, Optional<AnchorLocation> anchor) {
        this.component = component;
        this.watchdog = component.watchdog();
        this.json = component.json();
        this.scope = scope;
        this.anchor = anchor;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        WatchdogRun run = watchdog.run(input.readAllBytes(), scope);
        List<Map<String, Object>> trails = run.trails().stream().map(TrailWatchdogHandler::summary).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("run", run.runId());
        answer.put("trails", trails);
        Optional<AnchorRun> anchored = anchor.map(location -> component.anchoring().run(location));
        anchored.ifPresent(result -> answer.put("anchor", summary(result)));
        String line = json.writeValueAsString(answer);
        context.getLogger().log(line + "\n");
        output.write(line.getBytes(StandardCharsets.UTF_8));
        if (anchored.isPresent() && !anchored.get().problems().isEmpty()) {
            throw new WatchdogException("the audit table no longer agrees with the anchor " + anchored.get().location()
                    + ": " + anchored.get().problems().stream().map(ChainProblem::toString).toList());
        }
    }

    private static Map<String, Object> summary(AnchorRun anchor) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("location", anchor.location());
        summary.put("written", anchor.written());
        summary.put("chains", anchor.chains());
        summary.put("problems", anchor.problems().stream().map(ChainProblem::toString).toList());
        return summary;
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
