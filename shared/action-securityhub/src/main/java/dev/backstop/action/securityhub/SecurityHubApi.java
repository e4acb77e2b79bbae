package dev.backstop.action.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.JsonAnswers;
import dev.backstop.aws.JsonApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * The Security Hub calls Backstop makes: DescribeStandards, GetEnabledStandards,
 * BatchEnableStandards and BatchDisableStandards for the standards, BatchUpdateFindings and
 * GetFindings for a finding's workflow.
 */
public final class SecurityHubApi {

    /** A standard the account subscribes to: READY, PENDING, INCOMPLETE, DELETING or FAILED. */
    public record Subscription(String subscriptionArn, String standardsArn, String status) {

        /** Enabled, or being enabled: neither on its way out nor broken. */
        public boolean enabled() {
            return "READY".equals(status) || "PENDING".equals(status) || "INCOMPLETE".equals(status);
        }
    }

    private final JsonApi api;

    SecurityHubApi(JsonApi api) {
        this.api = api;
    }

    public Region region() {
        return api.region();
    }

    /** The ARN of every standard Security Hub offers in this region. */
    public List<String> standards() {
        List<String> arns = new ArrayList<>();
        String next = null;
        do {
            JsonNode answer = api.rest(SdkHttpMethod.GET, "/standards" + (next == null ? "" : "?NextToken=" + encode(next)), null);
            JsonAnswers.objects(answer, "Standards", "DescribeStandards")
                    .forEach(standard -> arns.add(JsonAnswers.text(standard, "StandardsArn", "DescribeStandards")));
            next = answer.path("NextToken").asText(null);
        } while (next != null && !next.isEmpty());
        return arns;
    }

    public List<Subscription> enabledStandards() {
        List<Subscription> subscriptions = new ArrayList<>();
        String next = null;
        do {
            ObjectNode request = JsonNodeFactory.instance.objectNode();
            if (next != null) {
                request.put("NextToken", next);
            }
            JsonNode answer = api.rest(SdkHttpMethod.POST, "/standards/get", request);
            JsonAnswers.objects(answer, "StandardsSubscriptions", "GetEnabledStandards").forEach(subscription ->
                    subscriptions.add(new Subscription(
                            JsonAnswers.text(subscription, "StandardsSubscriptionArn", "GetEnabledStandards"),
                            JsonAnswers.text(subscription, "StandardsArn", "GetEnabledStandards"),
                            JsonAnswers.text(subscription, "StandardsStatus", "GetEnabledStandards"))));
            next = answer.path("NextToken").asText(null);
        } while (next != null && !next.isEmpty());
        return subscriptions;
    }

    public void enableStandards(List<String> standardsArns) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        ArrayNode subscriptions = request.putArray("StandardsSubscriptionRequests");
        standardsArns.forEach(arn -> subscriptions.addObject().put("StandardsArn", arn));
        api.rest(SdkHttpMethod.POST, "/standards/register", request);
    }

    public void disableStandards(List<String> subscriptionArns) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        ArrayNode arns = request.putArray("StandardsSubscriptionArns");
        subscriptionArns.forEach(arns::add);
        api.rest(SdkHttpMethod.POST, "/standards/deregister", request);
    }

    /**
     * Sets a finding's workflow status, with a note; empty when Security Hub took it, else the
     * error it gave for the finding (BatchUpdateFindings answers 200 with UnprocessedFindings).
     */
    public Optional<String> updateWorkflow(String findingId, String productArn, String status, String note) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.putArray("FindingIdentifiers").addObject().put("Id", findingId).put("ProductArn", productArn);
        request.putObject("Workflow").put("Status", status);
        request.putObject("Note").put("Text", note).put("UpdatedBy", "backstop");
        JsonNode answer = api.rest(SdkHttpMethod.PATCH, "/findings/batchupdate", request);
        return JsonAnswers.objects(answer, "UnprocessedFindings", "BatchUpdateFindings").stream().findFirst()
                .map(failed -> failed.path("ErrorCode").asText("") + ": " + failed.path("ErrorMessage").asText(""));
    }

    /** The finding's workflow status as Security Hub reads it now; empty when it has no such finding. */
    public Optional<String> workflowStatus(String findingId, String productArn) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        ObjectNode filters = request.putObject("Filters");
        filters.putArray("Id").addObject().put("Value", findingId).put("Comparison", "EQUALS");
        filters.putArray("ProductArn").addObject().put("Value", productArn).put("Comparison", "EQUALS");
        return JsonAnswers.objects(api.rest(SdkHttpMethod.POST, "/findings", request), "Findings", "GetFindings").stream()
                .findFirst()
                .map(finding -> finding.path("Workflow").path("Status").asText(finding.path("WorkflowState").asText("")));
    }

    private static String encode(String value) {
        return software.amazon.awssdk.utils.http.SdkHttpUtils.urlEncode(value);
    }
}
