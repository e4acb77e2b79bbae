package dev.backstop.action.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.FlowLog;

/** Flow logs as the recorder and the action read and change them, and the ids a call names. */
final class FlowLogs {

    static final String HISTORY = "flow-log";

    private final Ec2Client ec2;
    private final Region region;

    @Inject
    FlowLogs(Ec2Client ec2, Region region) {
        this.ec2 = ec2;
        this.region = region;
    }

    Ec2Client ec2() {
        return ec2;
    }

    String arn(String account, String flowLogId) {
        return "arn:aws:ec2:" + region.id() + ":" + account + ":vpc-flow-log/" + flowLogId;
    }

    List<FlowLog> byId(List<String> flowLogIds) {
        return ec2.describeFlowLogsPaginator(request -> request.flowLogIds(flowLogIds)).flowLogs().stream().toList();
    }

    List<FlowLog> onResource(String resourceId) {
        return ec2.describeFlowLogsPaginator(request -> request.filter(filter("resource-id", resourceId)))
                .flowLogs().stream().toList();
    }

    List<FlowLog> recreatedFrom(String flowLogId) {
        return ec2.describeFlowLogsPaginator(request -> request.filter(filter("tag:" + FlowLogConfig.RECREATED_FROM,
                flowLogId))).flowLogs().stream().toList();
    }

    /**
     * The flow log ids in a call's request ({@code DeleteFlowLogsRequest.FlowLogId}) or response
     * ({@code CreateFlowLogsResponse.flowLogIdSet.item}): EC2's records write one as an object or a
     * string, several as a list of them.
     */
    static List<String> ids(JsonNode node) {
        List<String> ids = new ArrayList<>();
        collect(node, ids);
        return ids;
    }

    private static void collect(JsonNode node, List<String> ids) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(item -> collect(item, ids));
        } else if (node.isObject()) {
            collect(node.has("content") ? node.get("content") : node.get("item"), ids);
        } else if (node.asText().startsWith("fl-")) {
            ids.add(node.asText());
        }
    }

    static List<String> deleted(CloudTrailEvent event) {
        return ids(event.detail().requestParameters().path("DeleteFlowLogsRequest").path("FlowLogId"));
    }

    static List<String> created(CloudTrailEvent event) {
        return ids(event.detail().responseElements().path("CreateFlowLogsResponse").path("flowLogIdSet"));
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
