package dev.backstop.action.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.JsonAnswers;
import dev.backstop.aws.JsonApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;

/**
 * The Route 53 Resolver calls the action makes: GetResolverQueryLogConfig,
 * ListResolverQueryLogConfigAssociations, AssociateResolverQueryLogConfig,
 * DisassociateResolverQueryLogConfig and ListTagsForResource.
 */
public final class ResolverApi {

    /** Associations that log, or are about to. */
    private static final Set<String> LOGGING = Set.of("ACTIVE", "CREATING");

    /** A query logging configuration: where it logs to, and its state (CREATED, DELETING, FAILED, ...). */
    public record QueryLogConfig(String id, String arn, String destinationArn, String status) {
    }

    private final JsonApi api;

    ResolverApi(JsonApi api) {
        this.api = api;
    }

    public Region region() {
        return api.region();
    }

    public Optional<QueryLogConfig> config(String configId) {
        try {
            JsonNode config = api.target("GetResolverQueryLogConfig", JsonNodeFactory.instance.objectNode()
                    .put("ResolverQueryLogConfigId", configId)).path("ResolverQueryLogConfig");
            return Optional.of(new QueryLogConfig(configId, JsonAnswers.text(config, "Arn", "GetResolverQueryLogConfig"),
                    config.path("DestinationArn").asText(""), config.path("Status").asText("")));
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && "ResourceNotFoundException".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The status of each association of the configuration with the resource (a VPC), newest last. */
    public List<String> associationStatuses(String configId, String resourceId) {
        List<String> statuses = new ArrayList<>();
        String next = null;
        do {
            ObjectNode request = JsonNodeFactory.instance.objectNode();
            ArrayNode filters = request.putArray("Filters");
            filters.addObject().put("Name", "ResolverQueryLogConfigId").putArray("Values").add(configId);
            filters.addObject().put("Name", "ResourceId").putArray("Values").add(resourceId);
            if (next != null) {
                request.put("NextToken", next);
            }
            JsonNode answer = api.target("ListResolverQueryLogConfigAssociations", request);
            // Filtered here too: the filters narrow the answer, they do not have to be trusted with it.
            JsonAnswers.objects(answer, "ResolverQueryLogConfigAssociations", "ListResolverQueryLogConfigAssociations")
                    .stream()
                    .filter(association -> configId.equals(association.path("ResolverQueryLogConfigId").asText())
                            && resourceId.equals(association.path("ResourceId").asText()))
                    .forEach(association -> statuses.add(association.path("Status").asText("")));
            next = answer.path("NextToken").asText(null);
        } while (next != null && !next.isEmpty());
        return statuses;
    }

    public boolean logs(String configId, String resourceId) {
        return associationStatuses(configId, resourceId).stream().anyMatch(LOGGING::contains);
    }

    public void associate(String configId, String resourceId) {
        api.target("AssociateResolverQueryLogConfig", JsonNodeFactory.instance.objectNode()
                .put("ResolverQueryLogConfigId", configId).put("ResourceId", resourceId));
    }

    public void disassociate(String configId, String resourceId) {
        api.target("DisassociateResolverQueryLogConfig", JsonNodeFactory.instance.objectNode()
                .put("ResolverQueryLogConfigId", configId).put("ResourceId", resourceId));
    }

    public Map<String, String> tags(String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonAnswers.objects(api.target("ListTagsForResource", JsonNodeFactory.instance.objectNode().put("ResourceArn", arn)),
                "Tags", "ListTagsForResource").forEach(tag -> tags.put(tag.path("Key").asText(), tag.path("Value").asText()));
        return tags;
    }
}
