package dev.backstop.action.ec2;

import dagger.Lazy;
import dev.backstop.action.EventObserver;
import dev.backstop.audit.StateHistory;
import dev.backstop.event.CloudTrailEvent;
import java.util.List;
import javax.inject.Inject;
import software.amazon.awssdk.services.ec2.model.FlowLog;

/**
 * Snapshots every flow log a CreateFlowLogs call created, as DescribeFlowLogs reads it back from
 * EC2 (never from the call's own fields), whatever the rules, their mode or the caller: the
 * snapshot {@code ec2.recreate-flow-log} recreates a deleted flow log from, as the trail
 * snapshots are for trails. A flow log created before Backstop was deployed has no snapshot.
 */
final class FlowLogRecorder implements EventObserver {

    // Lazy: every event passes the observers; the EC2 client is built only when a flow log is created.
    private final Lazy<FlowLogs> flowLogs;
    private final StateHistory history;

    @Inject
    FlowLogRecorder(Lazy<FlowLogs> flowLogs, StateHistory history) {
        this.flowLogs = flowLogs;
        this.history = history;
    }

    @Override
    public void observe(CloudTrailEvent event) {
        if (!"CreateFlowLogs".equals(event.detail().eventName()) || !"ec2.amazonaws.com".equals(event.detail().eventSource())) {
            return;
        }
        List<String> created = FlowLogs.created(event);
        if (created.isEmpty()) {
            return;
        }
        for (FlowLog flowLog : flowLogs.get().byId(created)) {
            history.record(FlowLogs.HISTORY, flowLogs.get().arn(event.account(), flowLog.flowLogId()),
                    FlowLogConfig.of(flowLog).json(), event.detail().eventTime(), event.eventId());
        }
    }
}
