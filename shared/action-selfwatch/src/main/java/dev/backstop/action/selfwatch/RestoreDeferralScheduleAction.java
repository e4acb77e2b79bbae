package dev.backstop.action.selfwatch;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.CallTargets;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.audit.Deferrals;
import dev.backstop.audit.Deferrals.Deferral;
import dev.backstop.audit.Deferrals.ScheduleOwner;
import dev.backstop.aws.OneTimeSchedules;
import dev.backstop.aws.OneTimeSchedules.Schedule;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code scheduler.restore-deferral-schedule}: someone deleted or changed (DeleteSchedule,
 * UpdateSchedule) the one-time schedule that ends a pending decision's veto window or settle time,
 * so the decision would stay pending for ever, silently. Puts the schedule back as the deciding
 * function made it ({@link OneTimeSchedules}): the same target, role and input, enabled, at the
 * deferral's due time, or a minute from now when that has passed; and reads it back.
 *
 * <p>The schedule's name is a digest of its deferral's id; the deferral and the function it
 * invokes come from the record the deciding function wrote beside the deferral
 * ({@link Deferrals#scheduleOwner}), checked against the name and against Backstop's own functions.
 * A deferral that is no longer pending (vetoed, which deletes its schedule; running or run) is
 * left alone: its schedule's deletion was the veto's or the run's. It acts only on schedules of
 * Backstop's own group ({@link OwnResources}); Scheduler's own deletion of a schedule that ran
 * (ActionAfterCompletion) is no call for it.
 */
final class RestoreDeferralScheduleAction implements RemediationAction {

    static final String NAME = "scheduler.restore-deferral-schedule";
    private static final String SCHEDULER = "scheduler.amazonaws.com";
    private static final Duration LATE = Duration.ofMinutes(1);

    private final Deferrals deferrals;
    private final OneTimeSchedules schedules;
    private final OwnResources own;
    private final Clock clock;

    @Inject
    RestoreDeferralScheduleAction(Deferrals deferrals, OneTimeSchedules schedules, Optional<OwnResources> own, Clock clock) {
        this.deferrals = deferrals;
        this.schedules = schedules;
        this.own = own.orElse(OwnResources.none());
        this.clock = clock;
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && ownSchedule(event).isPresent()
                && !SCHEDULER.equals(event.detail().userIdentity().invokedBy());
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String arn = ownSchedule(event).orElseThrow(() -> new ActionRefusedException(event.eventId(),
                "the call names no schedule of Backstop's group " + schedules.group()));
        String name = event.detail().requestParameters().path("name").asText();
        ScheduleOwner owner = deferrals.scheduleOwner(name).orElseThrow(() -> new ActionRefusedException(arn,
                "the audit table names no deferral for this schedule (one deferred before Backstop recorded"
                        + " schedules, or none of Backstop's); nothing was recreated: look for PENDING deferrals"
                        + " past their due time with ./backstop audit list"));
        if (!Deferrals.scheduleName(owner.deferral()).equals(name) || !own.includes(owner.target())) {
            throw new ActionRefusedException(arn, "the audit table's record of this schedule names deferral "
                    + owner.deferral() + " and target " + owner.target() + ", which are not the schedule's own"
                    + " (a forged record?); nothing was recreated");
        }
        Deferral deferral = deferrals.find(owner.deferral()).orElseThrow(() -> new ActionRefusedException(arn,
                "deferral " + owner.deferral() + " is gone from the audit table (see self-watch-audit-record-deleted);"
                        + " nothing was recreated"));
        String by = event.detail().userIdentity().displayName();
        String call = event.detail().baseEventName();
        if (!deferral.state().equals(Deferrals.PENDING)) {
            return new ActionPlan(NAME, arn, name, new ResourceState(true, true, Map.of("deferral", deferral.id(),
                    "state", deferral.state())), "left alone: " + call + " by " + by + " on the schedule of "
                    + deferral.id() + ", which is " + deferral.state() + deferral.vetoedBy().map(who -> " by " + who).orElse(""));
        }
        Instant now = clock.instant();
        Instant at = OneTimeSchedules.runsAt(deferral.due().isAfter(now) ? deferral.due() : now.plus(LATE));
        String input = Deferrals.runInput(deferral.id());
        Optional<Schedule> found = schedules.find(name);
        boolean asMade = found.map(schedule -> schedules.isAsMade(schedule, at, owner.target(), input)).orElse(false);
        RestoredSchedule restored = new RestoredSchedule(name, deferral.id(), at.toString(), owner.target(), found.isPresent());
        String how = found.isPresent() ? "UpdateSchedule " + name + " back to" : "CreateSchedule " + name + " again,";
        return new ActionPlan(NAME, arn, name, new ResourceState(true, asMade, facts(found, deferral)),
                how + " at " + at + " invoking " + owner.target() + ", as Backstop made it for " + deferral.id()
                        + " (due " + deferral.due() + "), after " + call + " by " + by,
                restored);
    }

    @Override
    public void apply(ActionPlan plan) {
        RestoredSchedule restored = plan.undo(RestoredSchedule.class);
        Instant at = Instant.parse(restored.at());
        String input = Deferrals.runInput(restored.deferral());
        if (restored.existed()) {
            schedules.replace(restored.schedule(), at, restored.target(), input);
        } else {
            schedules.create(restored.schedule(), at, restored.target(), input);
        }
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        RestoredSchedule restored = plan.undo(RestoredSchedule.class);
        Optional<Schedule> found = schedules.find(restored.schedule());
        if (found.isEmpty()) {
            return new ResourceState(true, false, Map.of("schedule", "missing"));
        }
        Schedule schedule = found.get();
        return new ResourceState(true, schedules.isAsMade(schedule, Instant.parse(restored.at()), restored.target(),
                Deferrals.runInput(restored.deferral())), Map.of("at", schedule.at().map(Instant::toString).orElse("?"),
                "enabled", Boolean.toString(schedule.enabled()), "target", String.valueOf(schedule.target())));
    }

    /** Whoever could trip a breaker by deleting schedules must not leave a decision pending with it. */
    @Override
    public boolean restoresEyesOrDoors() {
        return true;
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of(); // Backstop's own schedules are never exempt by tag
    }

    private Optional<String> ownSchedule(CloudTrailEvent event) {
        return CallTargets.schedule(event).filter(own::includes)
                .filter(arn -> arn.contains(":schedule/" + schedules.group() + "/"));
    }

    private static Map<String, String> facts(Optional<Schedule> found, Deferral deferral) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("deferral", deferral.id());
        facts.put("due", deferral.due().toString());
        facts.put("schedule", found.isPresent() ? "present" : "deleted");
        found.ifPresent(schedule -> {
            facts.put("at", schedule.at().map(Instant::toString).orElse("not a one-time time"));
            facts.put("enabled", Boolean.toString(schedule.enabled()));
            facts.put("target", String.valueOf(schedule.target()));
        });
        return facts;
    }
}
