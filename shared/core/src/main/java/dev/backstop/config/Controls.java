package dev.backstop.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the stack sets to steer Backstop beyond its mode: the kill switch, and how veto windows
 * and settle times are scheduled (EventBridge Scheduler one-time schedules in a group of
 * Backstop's own, run with a role Scheduler assumes to invoke the function).
 *
 * @param killSwitch every rule drops to notify ({@code BACKSTOP_KILL_SWITCH=on}, the stack's KillSwitch parameter)
 * @param scheduleGroup the schedule group ({@code BACKSTOP_SCHEDULE_GROUP}, default {@code default})
 * @param schedulerRoleArn the role Scheduler invokes the function with ({@code BACKSTOP_SCHEDULER_ROLE_ARN});
 *     without it nothing can be deferred, and a rule that asks is a FAILED action, never an early one
 */
public record Controls(boolean killSwitch, String scheduleGroup, Optional<String> schedulerRoleArn) {

    public static final String KILL_SWITCH = "BACKSTOP_KILL_SWITCH";
    public static final String SCHEDULE_GROUP = "BACKSTOP_SCHEDULE_GROUP";
    public static final String SCHEDULER_ROLE_ARN = "BACKSTOP_SCHEDULER_ROLE_ARN";
    public static final Controls DEFAULTS = new Controls(false, "default", Optional.empty());

    private static final Pattern GROUP = Pattern.compile("[0-9a-zA-Z._-]{1,64}");
    private static final Pattern ROLE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    public Controls {
        Objects.requireNonNull(scheduleGroup, "scheduleGroup");
        Objects.requireNonNull(schedulerRoleArn, "schedulerRoleArn");
    }

    public static Controls fromEnvironment(Map<String, String> env) {
        String killSwitch = env.getOrDefault(KILL_SWITCH, "off").trim();
        if (!killSwitch.equals("on") && !killSwitch.equals("off") && !killSwitch.isEmpty()) {
            throw new SettingsException(KILL_SWITCH + ": expected on or off, found \"" + killSwitch + "\"");
        }
        String group = env.getOrDefault(SCHEDULE_GROUP, "").trim();
        if (!group.isEmpty() && !GROUP.matcher(group).matches()) {
            throw new SettingsException(SCHEDULE_GROUP + ": expected a schedule group name (letters, digits and ._-,"
                    + " at most 64), found \"" + group + "\"");
        }
        String role = env.getOrDefault(SCHEDULER_ROLE_ARN, "").trim();
        if (!role.isEmpty() && !ROLE.matcher(role).matches()) {
            throw new SettingsException(SCHEDULER_ROLE_ARN + ": expected an IAM role ARN, found \"" + role + "\"");
        }
        return new Controls(killSwitch.equals("on"), group.isEmpty() ? DEFAULTS.scheduleGroup() : group,
                role.isEmpty() ? Optional.empty() : Optional.of(role));
    }
}
