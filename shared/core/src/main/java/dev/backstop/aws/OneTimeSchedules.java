package dev.backstop.aws;

import dev.backstop.config.Settings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * One-time EventBridge Scheduler schedules that invoke a Backstop function once, at a time, with
 * a small input, and delete themselves after ({@code ActionAfterCompletion: DELETE}). They live in
 * the group {@link dev.backstop.config.Controls#scheduleGroup()} and run with
 * {@link dev.backstop.config.Controls#schedulerRoleArn()}, which may invoke Backstop's functions
 * only. Times are whole minutes, rounded up: Scheduler's {@code at()} takes no seconds' worth of
 * promise, and a veto window must never end early.
 */
@Singleton
public final class OneTimeSchedules {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String DESCRIPTION = "Backstop: deferred decision";
    private static final int RETRIES = 3;
    private static final int MAX_AGE = 3600;

    /**
     * A schedule as read back; any field may be missing from what Scheduler answered.
     *
     * @param at when it runs, empty when its expression is no one-time {@code at(...)} in UTC
     */
    public record Schedule(String name, Optional<Instant> at, boolean enabled, String target, String role, String input) {

        public Schedule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(at, "at");
        }
    }

    private final dagger.Lazy<SchedulerClient> scheduler;
    private final String group;
    private final String role;

    /** Schedules in the settings' group, run as their scheduler role, made through this client. */
    public OneTimeSchedules(SchedulerClient scheduler, Settings settings) {
        this(() -> scheduler, settings);
    }

    @Inject
    OneTimeSchedules(dagger.Lazy<SchedulerClient> scheduler, Settings settings) {
        this.scheduler = scheduler;
        this.group = settings.controls().scheduleGroup();
        this.role = settings.controls().schedulerRoleArn().orElse(null);
    }

    /** True when the deployment gave Scheduler a role, without which nothing can be deferred. */
    public boolean available() {
        return role != null;
    }

    /**
     * Creates the schedule (its name unique per decision) and returns the time it runs at, the
     * given time rounded up to the minute. A schedule of that name already there is kept: a
     * redelivered event must not schedule twice.
     */
    public Instant create(String name, Instant notBefore, String targetArn, String input) {
        String role = requireRole();
        Instant at = runsAt(notBefore);
        try {
            scheduler.get().createSchedule(request -> request
                    .name(name)
                    .groupName(group)
                    .scheduleExpression(expression(at))
                    .scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                    .state(ScheduleState.ENABLED)
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .description(DESCRIPTION)
                    .target(target(targetArn, role, input)));
        } catch (ConflictException exists) {
            // Scheduled by an earlier delivery of the same event.
        }
        return at;
    }

    /**
     * Puts an existing schedule back as {@link #create} makes it (UpdateSchedule replaces the whole
     * definition: time, state, target, role and input), and returns the time it runs at.
     */
    public Instant replace(String name, Instant notBefore, String targetArn, String input) {
        String role = requireRole();
        Instant at = runsAt(notBefore);
        scheduler.get().updateSchedule(request -> request
                .name(name)
                .groupName(group)
                .scheduleExpression(expression(at))
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                .state(ScheduleState.ENABLED)
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .description(DESCRIPTION)
                .target(target(targetArn, role, input)));
        return at;
    }

    /** The schedule as Scheduler holds it now; empty when there is none of that name in the group. */
    public Optional<Schedule> find(String name) {
        GetScheduleResponse found;
        try {
            found = scheduler.get().getSchedule(request -> request.name(name).groupName(group));
        } catch (ResourceNotFoundException gone) {
            return Optional.empty();
        }
        Target target = found.target();
        return Optional.of(new Schedule(name, parse(found.scheduleExpression()),
                found.state() == ScheduleState.ENABLED, target == null ? null : target.arn(),
                target == null ? null : target.roleArn(), target == null ? null : target.input()));
    }

    /** The time a schedule asked for {@code notBefore} runs at: whole minutes, rounded up. */
    public static Instant runsAt(Instant notBefore) {
        Instant minute = notBefore.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(notBefore) ? notBefore : minute.plus(1, ChronoUnit.MINUTES);
    }

    /** True when the schedule runs once at the time, enabled, invoking the target with the input as Backstop's role. */
    public boolean isAsMade(Schedule schedule, Instant at, String targetArn, String input) {
        return schedule.at().map(runsAt(at)::equals).orElse(false) && schedule.enabled()
                && targetArn.equals(schedule.target()) && input.equals(schedule.input()) && role != null
                && role.equals(schedule.role());
    }

    /** Deletes the schedule; one already run (and so deleted) or never made is no error. */
    public void delete(String name) {
        try {
            scheduler.get().deleteSchedule(request -> request.name(name).groupName(group));
        } catch (ResourceNotFoundException gone) {
            // Ran already, or was deleted by an earlier veto.
        }
    }

    public String group() {
        return group;
    }

    private String requireRole() {
        if (role == null) {
            throw new IllegalStateException("no scheduler role (BACKSTOP_SCHEDULER_ROLE_ARN): nothing can be deferred");
        }
        return role;
    }

    private static Target target(String arn, String role, String input) {
        return Target.builder().arn(arn).roleArn(role).input(input)
                .retryPolicy(retry -> retry.maximumRetryAttempts(RETRIES).maximumEventAgeInSeconds(MAX_AGE)).build();
    }

    private static String expression(Instant at) {
        return "at(" + AT.format(at) + ")";
    }

    private static Optional<Instant> parse(String expression) {
        if (expression == null || !expression.startsWith("at(") || !expression.endsWith(")")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(AT.parse(expression.substring(3, expression.length() - 1))));
        } catch (DateTimeParseException notATime) {
            return Optional.empty();
        }
    }
}
