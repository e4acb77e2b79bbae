package dev.backstop.action.logs;

import dagger.Lazy;
import dev.backstop.action.EventObserver;
import dev.backstop.audit.StateHistory;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.telemetry.Telemetry;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/**
 * Records a log group's retention, read back from CloudWatch Logs, after every call that sets it
 * (CreateLogGroup, PutRetentionPolicy, DeleteRetentionPolicy), whatever the rules, their mode or
 * the caller: the history {@code logs.restore-retention} puts a cut retention back from. It runs
 * before the rules, so a cut is recorded too, as the newest; the restore takes the one before it.
 */
final class RetentionRecorder implements EventObserver {

    static final Set<String> SETTING = Set.of("CreateLogGroup", "PutRetentionPolicy", "DeleteRetentionPolicy");

    // Lazy: every event passes the observers; the Logs client is built only when a retention is set.
    private final Lazy<LogGroups> groups;
    private final StateHistory history;
    private final Telemetry telemetry;

    @Inject
    RetentionRecorder(Lazy<LogGroups> groups, StateHistory history, Telemetry telemetry) {
        this.groups = groups;
        this.history = history;
        this.telemetry = telemetry;
    }

    @Override
    public void observe(CloudTrailEvent event) {
        if (!SETTING.contains(event.detail().eventName()) || !"logs.amazonaws.com".equals(event.detail().eventSource())) {
            return;
        }
        String name;
        try {
            name = LogGroups.named(event);
        } catch (MalformedEventException e) {
            telemetry.log("WARN", "not recorded in the retention history: " + e.getMessage(), telemetry.fields()
                    .put("eventName", event.detail().eventName()).put("eventId", event.eventId()));
            return;
        }
        Optional<Retention> now = groups.get().retention(name);
        if (now.isEmpty()) {
            return; // deleted since: nothing to record
        }
        history.record(LogGroups.HISTORY, groups.get().arn(event.account(), name), now.get().toString(),
                event.detail().eventTime(), event.eventId());
    }
}
