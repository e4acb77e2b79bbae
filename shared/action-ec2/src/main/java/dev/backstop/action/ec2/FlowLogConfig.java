package dev.backstop.action.ec2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsRequest;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * What it takes to create a flow log again, as DescribeFlowLogs read it back: the resource it logs,
 * what traffic, where to, in which format, with which tags. Kept as JSON in Backstop's history.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FlowLogConfig(String flowLogId, String resourceId, String trafficType, String logDestinationType,
        String logDestination, String logGroupName, String deliverLogsPermissionArn, String deliverCrossAccountRole,
        String logFormat, Integer maxAggregationInterval, String fileFormat, Boolean hiveCompatiblePartitions,
        Boolean perHourPartition, Map<String, String> tags) {

    static final String RECREATED_FROM = "backstop:recreated-from";
    private static final ObjectMapper JSON = new ObjectMapper();

    FlowLogConfig {
        Objects.requireNonNull(flowLogId, "flowLogId");
        Objects.requireNonNull(resourceId, "resourceId");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    static FlowLogConfig of(FlowLog flowLog) {
        var options = flowLog.destinationOptions();
        return new FlowLogConfig(flowLog.flowLogId(), flowLog.resourceId(), flowLog.trafficTypeAsString(),
                flowLog.logDestinationTypeAsString(), flowLog.logDestination(), flowLog.logGroupName(),
                flowLog.deliverLogsPermissionArn(), flowLog.deliverCrossAccountRole(), flowLog.logFormat(),
                flowLog.maxAggregationInterval(), options == null ? null : options.fileFormatAsString(),
                options == null ? null : options.hiveCompatiblePartitions(),
                options == null ? null : options.perHourPartition(),
                flowLog.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value, (a, b) -> a)));
    }

    /** The resource type CreateFlowLogs wants, from the id's prefix. */
    String resourceType() {
        if (resourceId.startsWith("vpc-")) {
            return FlowLogsResourceType.VPC.toString();
        }
        if (resourceId.startsWith("subnet-")) {
            return FlowLogsResourceType.SUBNET.toString();
        }
        if (resourceId.startsWith("eni-")) {
            return FlowLogsResourceType.NETWORK_INTERFACE.toString();
        }
        if (resourceId.startsWith("tgw-attach-")) {
            return FlowLogsResourceType.TRANSIT_GATEWAY_ATTACHMENT.toString();
        }
        if (resourceId.startsWith("tgw-")) {
            return FlowLogsResourceType.TRANSIT_GATEWAY.toString();
        }
        throw new IllegalStateException("flow log " + flowLogId + " logs " + resourceId + ", a resource of no type"
                + " CreateFlowLogs knows");
    }

    /** The same flow log, tagged with the one it replaces. */
    CreateFlowLogsRequest recreate() {
        CreateFlowLogsRequest.Builder request = CreateFlowLogsRequest.builder()
                .resourceIds(resourceId).resourceType(resourceType()).trafficType(trafficType)
                .logDestinationType(logDestinationType).logDestination(logDestination).logGroupName(logGroupName)
                .deliverLogsPermissionArn(deliverLogsPermissionArn).deliverCrossAccountRole(deliverCrossAccountRole)
                .logFormat(logFormat).maxAggregationInterval(maxAggregationInterval);
        if (fileFormat != null || hiveCompatiblePartitions != null || perHourPartition != null) {
            request.destinationOptions(options -> options.fileFormat(fileFormat)
                    .hiveCompatiblePartitions(hiveCompatiblePartitions).perHourPartition(perHourPartition));
        }
        java.util.List<Tag> tagged = new java.util.ArrayList<>();
        tags.forEach((key, value) -> {
            if (!key.equals(RECREATED_FROM)) {
                tagged.add(Tag.builder().key(key).value(value).build());
            }
        });
        tagged.add(Tag.builder().key(RECREATED_FROM).value(flowLogId).build());
        return request.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VPC_FLOW_LOG)
                .tags(tagged).build()).build();
    }

    /** True when the flow log logs what this one did, to where it did. */
    boolean sameAs(FlowLog flowLog) {
        return resourceId.equals(flowLog.resourceId()) && Objects.equals(trafficType, flowLog.trafficTypeAsString())
                && Objects.equals(logDestinationType, flowLog.logDestinationTypeAsString())
                && (Objects.equals(logDestination, flowLog.logDestination())
                        || (logGroupName != null && logGroupName.equals(flowLog.logGroupName())));
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a flow log configuration is plain data and always serialises", e);
        }
    }

    static FlowLogConfig parse(String json, String what) {
        try {
            return JSON.readValue(json, FlowLogConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " is not a flow log configuration: " + e.getOriginalMessage(), e);
        }
    }
}
