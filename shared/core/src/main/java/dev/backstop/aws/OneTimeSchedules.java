package dev.backstop.aws;

import dev.backstop.config.Settings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

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

    private final dagger.Lazy<SchedulerClient> scheduler;
    private final String group;
    private final String role;

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
        if (role == null) {
            throw new IllegalStateException("no scheduler role (BACKSTOP_SCHEDULER_ROLE_ARN): nothing can be deferred");
        }
        Instant at = notBefore.truncatedTo(ChronoUnit.MINUTES).equals(notBefore) ? notBefore
                : notBefore.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        try {
            scheduler.get().createSchedule(request -> request
                    .name(name)
                    .groupName(group)
                    .scheduleExpression("at(" + AT.format(at) + ")")
                    .scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .description("Backstop: deferred decision")
                    .target(target -> target.arn(targetArn).roleArn(role).input(input)
                            .retryPolicy(retry -> retry.maximumRetryAttempts(3).maximumEventAgeInSeconds(3600))));
        } catch (ConflictException exists) {
            // Scheduled by an earlier delivery of the same event.
        }
        return at;
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
}
