package dev.backstop.action.cloudtrail;

import dev.backstop.config.Settings;
import dev.backstop.action.EventObserver;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.rules.ArnGlob;
import dev.backstop.telemetry.Telemetry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/**
 * Snapshots a trail's configuration whenever a call that configures it succeeds (CreateTrail,
 * UpdateTrail, PutEventSelectors, basic or advanced) and the trail is no weaker after it
 * than its last snapshot: the snapshot a later DeleteTrail or weakening change is answered from.
 * It runs whatever the rules, their mode or the caller, as the bucket policy history does.
 *
 * <p>The configuration is read from CloudTrail when the event arrives, since UpdateTrail's event
 * carries only what changed and no call carries the tags; it is dated when it was read, not when
 * the event says the call was made, so no event can date a snapshot ahead of the ones to come (or
 * plant what a later recreate writes). A trail without a snapshot is recorded
 * unless the call itself plainly weakened it (a setting turned off, the KMS key removed, management
 * events narrowed); the watchdog snapshots such a trail once it is whole again.
 *
 * <p>A change made by a protected principal (Backstop's own roles and the deployment's
 * ProtectedPrincipalArns, such as the role that deploys trails) is trusted: snapshotted as it
 * is, even when it weakens the trail, so that a deliberate change becomes the configuration the
 * watchdog expects instead of being reverted.
 */
final class TrailSnapshotRecorder implements EventObserver {

    /** Advanced selectors are set by PutEventSelectors too: CloudTrail has no other call for them. */
    static final Set<String> CONFIGURING = Set.of("CreateTrail", "UpdateTrail", "PutEventSelectors");
    /** Counted for a configuring call whose trail was not snapshotted: an unreadable event, or a weakened trail. */
    static final String NOT_RECORDED = "SnapshotNotRecorded";

    private final Trails trails;
    private final TrailSnapshots snapshots;
    private final List<ArnGlob> trusted;
    private final Telemetry telemetry;
    private final Clock clock;

    @Inject
    TrailSnapshotRecorder(Trails trails, TrailSnapshots snapshots, Settings settings, Telemetry telemetry, Clock clock) {
        this.trails = trails;
        this.snapshots = snapshots;
        this.telemetry = telemetry;
        this.trusted = settings.neverChanged().stream().map(ArnGlob::new).toList();
        this.clock = clock;
    }

    @Override
    public void observe(CloudTrailEvent event) {
        if (!CONFIGURING.contains(event.detail().eventName())
                || !"cloudtrail.amazonaws.com".equals(event.detail().eventSource())) {
            return;
        }
        String named;
        try {
            named = TrailEvents.named(event);
        } catch (MalformedEventException e) {
            notRecorded(event, null, e.getMessage());
            return;
        }
        Optional<TrailConfig> now = trails.read(named);
        if (now.isEmpty()) {
            return; // deleted since: nothing to snapshot
        }
        boolean byTrusted = trusted.stream().anyMatch(glob -> glob.matches(event.detail().userIdentity()));
        List<String> weakened = byTrusted ? List.of() : snapshots.latest(now.get().arn())
                .map(last -> now.get().weakenedFrom(last.config()))
                .orElseGet(() -> TrailChanges.plainlyWeakening(event));
        if (!weakened.isEmpty()) {
            notRecorded(event, now.get().arn(), "it left the trail weaker (" + String.join("; ", weakened) + ")");
            return;
        }
        snapshots.record(now.get(), clock.instant(), event.eventId());
    }

    private void notRecorded(CloudTrailEvent event, String trail, String reason) {
        var fields = telemetry.fields().put("eventId", event.eventId()).put("eventName", event.detail().eventName())
                .put("reason", reason);
        if (trail != null) {
            fields.put("trail", trail);
        }
        telemetry.count(NOT_RECORDED, event.detail().eventName() + " " + event.eventId() + " not snapshotted: " + reason,
                fields);
    }
}
