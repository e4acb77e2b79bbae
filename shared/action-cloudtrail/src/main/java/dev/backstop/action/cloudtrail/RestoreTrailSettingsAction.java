package dev.backstop.action.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.cloudtrail.TrailSnapshots.Snapshot;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Puts back the settings a change weakened (multi-region, global service events or log file
 * validation turned off, another bucket, another or no KMS key), as the trail's last snapshot
 * has them, with one UpdateTrail that sets only those (and the key prefix with the bucket).
 * Settings the change did not weaken stay as they are.
 *
 * <p>Without a snapshot, only what the call plainly turned off is turned back on; a removed KMS
 * key cannot be put back (refused: FAILED and notified), and another bucket cannot be judged.
 *
 * <p>Undoable: undo sets the settings back to what they were before the fix, and snapshots the
 * result, since an operator's undo says that configuration is meant (else the watchdog would
 * restore it again).
 */
final class RestoreTrailSettingsAction implements RemediationAction {

    static final String NAME = "cloudtrail.restore-trail-settings";

    private final Trails trails;
    private final TrailSnapshots snapshots;
    private final Clock clock;

    @Inject
    RestoreTrailSettingsAction(Trails trails, TrailSnapshots snapshots, Clock clock) {
        this.trails = trails;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String named = TrailEvents.named(event);
        Optional<TrailConfig> read = trails.read(named);
        if (read.isEmpty()) {
            return new ActionPlan(NAME, TrailEvents.arn(event), named, ResourceState.gone(), "none: no such trail");
        }
        TrailConfig now = read.get();
        Optional<Snapshot> snapshot = snapshots.latest(now.arn());
        Map<String, String> fix = snapshot.isPresent() ? fromSnapshot(now, snapshot.get().config()) : fromCall(now, event);
        if (fix.isEmpty()) {
            return new ActionPlan(NAME, now.arn(), trails.address(now), state(now, fix), "none: no setting weakened");
        }
        Map<String, String> previous = new LinkedHashMap<>();
        fix.keySet().forEach(setting -> previous.put(setting, now.guardedSettings().get(setting)));
        String from = snapshot.map(s -> "the snapshot taken at " + s.takenAt() + " from " + s.source())
                .orElse("the call (no snapshot)");
        return new ActionPlan(NAME, now.arn(), trails.address(now), state(now, fix), "UpdateTrail " + now.arn()
                + " back to " + fix + " from " + from, new RestoreTrailSettingsUndo(now.arn(), previous, fix));
    }

    /** The guarded settings the trail weakened since the snapshot, with the snapshot's values. */
    private static Map<String, String> fromSnapshot(TrailConfig now, TrailConfig snapshot) {
        Map<String, String> was = snapshot.guardedSettings();
        Map<String, String> fix = new LinkedHashMap<>();
        for (String flag : new String[] {"isMultiRegionTrail", "includeGlobalServiceEvents", "logFileValidationEnabled"}) {
            if (was.get(flag).equals("true") && now.guardedSettings().get(flag).equals("false")) {
                fix.put(flag, "true");
            }
        }
        if (!snapshot.s3BucketName().equals(now.s3BucketName())) {
            fix.put("s3BucketName", snapshot.s3BucketName());
            fix.put("s3KeyPrefix", snapshot.s3KeyPrefix());
        }
        if (!snapshot.kmsKeyId().isEmpty() && !snapshot.kmsKeyId().equals(now.kmsKeyId())) {
            fix.put("kmsKeyId", snapshot.kmsKeyId());
        }
        return fix;
    }

    /** Without a snapshot: the settings the call turned off and that are still off. */
    private static Map<String, String> fromCall(TrailConfig now, CloudTrailEvent event) {
        if ("UpdateTrail".equals(event.detail().eventName()) && TrailChanges.plainlyWeakening(event).stream()
                .anyMatch(change -> change.startsWith("KMS key")) && now.kmsKeyId().isEmpty()) {
            throw new ActionRefusedException(now.arn(), "the KMS key of trail " + now.arn() + " was removed and"
                    + " Backstop has no snapshot of the trail to tell which key it had; put it back by hand");
        }
        Map<String, String> fix = new LinkedHashMap<>();
        Map<String, String> settings = now.guardedSettings();
        Map<String, String> sentAs = Map.of("isMultiRegionTrail", "isMultiRegionTrail",
                "includeGlobalServiceEvents", "includeGlobalServiceEvents",
                "logFileValidationEnabled", "enableLogFileValidation");
        sentAs.forEach((setting, parameter) -> {
            if ("false".equals(TrailEvents.sent(event, parameter)) && settings.get(setting).equals("false")) {
                fix.put(setting, "true");
            }
        });
        return fix;
    }

    @Override
    public void apply(ActionPlan plan) {
        trails.update(trail(plan.resource()), plan.undo(RestoreTrailSettingsUndo.class).restored());
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        Map<String, String> fix = plan.undo(RestoreTrailSettingsUndo.class).restored();
        return trails.read(plan.resource()).map(now -> state(now, fix)).orElseGet(ResourceState::gone);
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return trails.tags(plan.resource());
    }

    /** It keeps the account's eyes or doors: an open breaker does not stop it. */
    @Override
    public boolean restoresEyesOrDoors() {
        return true;
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RestoreTrailSettingsUndo readUndo(JsonNode stored) {
        return RestoreTrailSettingsUndo.FORMAT.read(stored);
    }

    /** Sets the settings back as they were before the fix, and snapshots that: only ever on an operator's request. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RestoreTrailSettingsUndo undo = readUndo(stored);
        TrailConfig trail = trail(undo.trail());
        trails.update(trail, undo.previous());
        TrailConfig after = trail(undo.trail());
        snapshots.record(after, clock.instant(), "backstop:undo:" + NAME);
        return new ResourceState(true, false, after.guardedSettings());
    }

    private TrailConfig trail(String arn) {
        return trails.read(arn).orElseThrow(() -> new IllegalStateException("trail " + arn + " no longer exists"));
    }

    /** Compliant when every setting the fix sets has its value. */
    private static ResourceState state(TrailConfig trail, Map<String, String> fix) {
        Map<String, String> settings = trail.guardedSettings();
        boolean fixed = fix.entrySet().stream().allMatch(entry -> entry.getValue().equals(settings.get(entry.getKey())));
        return new ResourceState(true, fixed, settings);
    }
}
