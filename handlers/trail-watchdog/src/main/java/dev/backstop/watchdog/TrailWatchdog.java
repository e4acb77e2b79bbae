package dev.backstop.watchdog;

import dev.backstop.event.ScheduledEvent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.AwsErrors;
import dev.backstop.action.cloudtrail.TrailInspector.Finding;
import dev.backstop.action.cloudtrail.TrailInspector;
import dev.backstop.audit.AuditRecord;
import dev.backstop.aws.CredentialScope;
import dev.backstop.aws.MemberAccounts;
import dev.backstop.config.Settings;
import dev.backstop.engine.RemediationEngine;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.telemetry.Degradation;
import dev.backstop.telemetry.Telemetry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.regions.Region;

/**
 * The trail watchdog: on a schedule, not on events (a StopLogging can blind the event path),
 * checks every trail managed from this region and every trail Backstop snapshotted here, in the
 * home account and, through the member role, in every allowed member account (whose trails are
 * as easily stopped, and whose forwarded events stop with them). It snapshots the whole ones and
 * hands each drifted one to the engine as a {@link DriftEvent}, where the rules decide what to do
 * about it, in their mode, audited and notified.
 *
 * <pre>{@code
 * WatchdogRun run = watchdog.run(scheduledEventBytes, WatchdogScope.EVERY_TRAIL);
 * }</pre>
 *
 * <p>A transient AWS failure propagates, so Lambda runs it again (trails decided in the first
 * attempt are then DUPLICATE). A trail that cannot be checked for another reason (say access
 * denied, or a member role that cannot be assumed) does not stop the others; the run then ends in
 * a {@link WatchdogException} naming it, so the function's error alarm fires.
 */
@Singleton
public final class TrailWatchdog {

    /** One trail's part in a run: what was wrong, whether it was snapshotted, and the decision on it if any. */
    public record TrailResult(String trailArn, List<String> drift, boolean snapshotted, AuditRecord decision) {
    }

    /** What a run did, trail by trail. */
    public record WatchdogRun(String runId, List<TrailResult> trails) {
    }

    /** Counted per trail a run could not check (not transiently): that trail went unwatched this run. */
    static final String TRAIL_UNCHECKED = Degradation.TRAIL_UNCHECKED.metric();

    private final TrailInspector inspector;
    private final RemediationEngine engine;
    private final CloudTrailEventParser parser;
    private final ObjectMapper json;
    private final Region region;
    private final Telemetry telemetry;
    private final Clock clock;
    private final MemberAccounts accounts;
    private final Set<String> members;

    @Inject
    TrailWatchdog(TrailInspector inspector, RemediationEngine engine, CloudTrailEventParser parser, ObjectMapper json,
            Region region, Telemetry telemetry, Clock clock, MemberAccounts accounts, Settings settings) {
        this.inspector = inspector;
        this.engine = engine;
        this.parser = parser;
        this.json = json;
        this.region = region;
        this.telemetry = telemetry;
        this.clock = clock;
        this.accounts = accounts;
        this.members = new TreeSet<>(settings.members().allowedAccounts());
    }

    /** Checks the trails in {@code scope}; a drifted one is decided by the rules. */
    public WatchdogRun run(byte[] scheduledEvent, WatchdogScope scope) {
        ScheduledEvent run = ScheduledEvent.parse(scheduledEvent, json);
        List<TrailResult> results = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        checkAccount(run, scope, results, unchecked);
        for (String member : members) {
            ScheduledEvent memberRun = new ScheduledEvent(run.id(), member);
            try (CredentialScope.Scope acting = accounts.actAs(member)) {
                checkAccount(memberRun, scope, results, unchecked);
            } catch (RuntimeException e) {
                // Listing the member's trails failed (the member role could not be assumed, say).
                rethrowIfTransient(e);
                unchecked.add(unchecked(memberRun, "account " + member + "'s trails", e));
            }
        }
        if (!unchecked.isEmpty()) {
            throw new WatchdogException("watchdog run " + run.id() + " checked " + results.size()
                    + " trail(s) but could not check: " + String.join("; ", unchecked));
        }
        return new WatchdogRun(run.id(), results);
    }

    /** The trails of the run's account, with the credentials in force (the member role's in a member account). */
    private void checkAccount(ScheduledEvent run, WatchdogScope scope, List<TrailResult> results, List<String> unchecked) {
        for (String trail : inspector.trailsToCheck(run.account()).stream().filter(scope::includes).toList()) {
            try {
                results.add(check(run, trail));
            } catch (RuntimeException e) {
                rethrowIfTransient(e);
                unchecked.add(unchecked(run, trail, e));
            }
        }
    }

    /** Counts what a run could not check (a trail, or a member account's trails), and names it for the run's failure. */
    private String unchecked(ScheduledEvent run, String what, RuntimeException e) {
        telemetry.count(TRAIL_UNCHECKED, "watchdog run " + run.id() + " could not check " + what + ": "
                + AwsErrors.describe(e), telemetry.fields().put("runId", run.id()).put("account", run.account())
                .put("trail", what).put("error", AwsErrors.describe(e)));
        return what + " (" + AwsErrors.describe(e) + ")";
    }

    private static void rethrowIfTransient(RuntimeException e) {
        if (AwsErrors.isTransient(e)) {
            throw e;
        }
    }

    private TrailResult check(ScheduledEvent run, String trail) {
        Instant now = clock.instant();
        Finding finding = inspector.inspect(trail, now, "backstop:watchdog:" + run.id());
        if (finding.drift().isEmpty()) {
            return new TrailResult(trail, List.of(), finding.snapshotted(), null);
        }
        // Its own event, made here: read for its shape, never held to a delivered event's provenance.
        AuditRecord decision = engine.handle(parser.parse(DriftEvent.of(run, finding, region.id(), now, json)));
        return new TrailResult(trail, finding.drift(), finding.snapshotted(), decision);
    }
}
