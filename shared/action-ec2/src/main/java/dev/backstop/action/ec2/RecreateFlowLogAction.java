package dev.backstop.action.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.audit.StateHistory;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.FlowLog;

/**
 * {@code ec2.recreate-flow-log}: recreates the flow logs a DeleteFlowLogs call deleted, each from
 * Backstop's snapshot of it ({@link FlowLogRecorder}, read back from EC2 when it was created):
 * the same resource, traffic, destination, format and tags, plus the tag
 * {@code backstop:recreated-from} naming the deleted one. Done when every one has a flow log
 * logging the same traffic to the same place again. A deleted flow log without a snapshot cannot
 * be recreated: if none has one the action is refused (FAILED, notified); those that have one are
 * recreated and the plan names the rest.
 *
 * <p>Undoable: an operator's undo deletes the flow logs Backstop created (found by their tag).
 */
final class RecreateFlowLogAction implements RemediationAction {

    static final String NAME = "ec2.recreate-flow-log";

    private final FlowLogs flowLogs;
    private final StateHistory history;
    private final Clock clock;

    @Inject
    RecreateFlowLogAction(FlowLogs flowLogs, StateHistory history, Clock clock) {
        this.flowLogs = flowLogs;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        List<String> deleted = FlowLogs.deleted(event);
        if (deleted.isEmpty()) {
            throw new MalformedEventException("detail.requestParameters.DeleteFlowLogsRequest.FlowLogId",
                    "names no flow log");
        }
        String resource = flowLogs.arn(event.account(), deleted.get(0));
        List<String> snapshotted = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : deleted) {
            (snapshot(event.account(), id).isPresent() ? snapshotted : unknown).add(id);
        }
        if (snapshotted.isEmpty()) {
            throw new ActionRefusedException(resource, "Backstop has no snapshot of flow log(s) " + String.join(", ", deleted)
                    + " (created before it was deployed, or their CreateFlowLogs was not seen): recreate them by hand");
        }
        String address = event.account() + ":" + String.join(",", snapshotted);
        return new ActionPlan(NAME, resource, address, state(address),
                "CreateFlowLogs again for " + String.join(", ", snapshotted) + " from Backstop's snapshots"
                        + (unknown.isEmpty() ? "" : "; no snapshot of " + String.join(", ", unknown) + ", recreate by hand"),
                new RecreateFlowLogUndo(snapshotted));
    }

    private Optional<FlowLogConfig> snapshot(String account, String flowLogId) {
        String arn = flowLogs.arn(account, flowLogId);
        return history.recent(FlowLogs.HISTORY, arn).stream().findFirst()
                .map(recorded -> FlowLogConfig.parse(recorded.value(), "the snapshot of flow log " + flowLogId));
    }

    @Override
    public void apply(ActionPlan plan) {
        String account = plan.address().split(":", 2)[0];
        for (String id : ids(plan.address())) {
            FlowLogConfig config = snapshot(account, id).orElseThrow(() -> new IllegalStateException(
                    "the snapshot of flow log " + id + " disappeared between plan and apply"));
            if (flowLogs.onResource(config.resourceId()).stream().anyMatch(config::sameAs)) {
                continue; // recreated since the plan, by someone or by an earlier attempt
            }
            CreateFlowLogsResponse created = flowLogs.ec2().createFlowLogs(config.recreate());
            if (!created.unsuccessful().isEmpty()) {
                throw new IllegalStateException("CreateFlowLogs refused flow log " + id + " again: "
                        + created.unsuccessful().get(0).error().message());
            }
            for (FlowLog flowLog : flowLogs.byId(created.flowLogIds())) {
                history.record(FlowLogs.HISTORY, flowLogs.arn(account, flowLog.flowLogId()), FlowLogConfig.of(flowLog).json(),
                        clock.instant(), "backstop:" + NAME);
            }
        }
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(plan.address());
    }

    /** The snapshot's tags: a deleted flow log has none to read, and these are the ones it had. */
    @Override
    public Map<String, String> tags(ActionPlan plan) {
        String account = plan.address().split(":", 2)[0];
        return snapshot(account, ids(plan.address()).get(0)).map(FlowLogConfig::tags).orElse(Map.of());
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
    public RecreateFlowLogUndo readUndo(JsonNode stored) {
        return RecreateFlowLogUndo.FORMAT.read(stored);
    }

    /** Deletes the flow logs Backstop recreated: only ever on an operator's explicit request. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RecreateFlowLogUndo undo = readUndo(stored);
        List<String> created = new ArrayList<>();
        for (String id : undo.recreatedFrom()) {
            flowLogs.recreatedFrom(id).forEach(flowLog -> created.add(flowLog.flowLogId()));
        }
        if (!created.isEmpty()) {
            flowLogs.ec2().deleteFlowLogs(request -> request.flowLogIds(created));
        }
        // Each deleted flow log's fact as the plan read it before the recreate: "deleted" again,
        // unless a recreated one is still there.
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("removed", created.isEmpty() ? "none" : String.join(",", created));
        boolean left = false;
        for (String id : undo.recreatedFrom()) {
            Optional<FlowLog> still = flowLogs.recreatedFrom(id).stream().findFirst();
            facts.put(id, still.map(flowLog -> "logging as " + flowLog.flowLogId()).orElse("deleted"));
            left |= still.isPresent();
        }
        return new ResourceState(true, left, facts);
    }

    /** Compliant when every snapshotted flow log has one logging the same again. */
    private ResourceState state(String address) {
        String account = address.split(":", 2)[0];
        Map<String, String> facts = new LinkedHashMap<>();
        boolean all = true;
        for (String id : ids(address)) {
            Optional<FlowLogConfig> config = snapshot(account, id);
            Optional<FlowLog> logging = config.flatMap(found -> flowLogs.onResource(found.resourceId()).stream()
                    .filter(found::sameAs).findFirst());
            facts.put(id, logging.map(flowLog -> "logging as " + flowLog.flowLogId()).orElse("deleted"));
            all &= logging.isPresent();
        }
        return new ResourceState(true, all, facts);
    }

    private static List<String> ids(String address) {
        return List.of(address.split(":", 2)[1].split(","));
    }
}
