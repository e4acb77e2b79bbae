package dev.backstop.action.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.resolver.ResolverApi.QueryLogConfig;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code resolver.associate-query-logging}: associates a Route 53 Resolver query logging
 * configuration with the VPC a DisassociateResolverQueryLogConfig call took it from, so the VPC's
 * DNS queries (where malware and exfiltration over DNS show) are logged again. The configuration
 * must still exist (a deleted one leaves nothing to associate: RESOURCE_GONE). Done when
 * ListResolverQueryLogConfigAssociations reads the association ACTIVE or CREATING.
 *
 * <p>Undoable: an operator's undo disassociates it again.
 */
final class AssociateQueryLoggingAction implements RemediationAction {

    static final String NAME = "resolver.associate-query-logging";

    private final ResolverApi resolver;

    @Inject
    AssociateQueryLoggingAction(ResolverApi resolver) {
        this.resolver = resolver;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String configId = requested(event, "resolverQueryLogConfigId");
        String resourceId = requested(event, "resourceId");
        String vpc = "arn:aws:ec2:" + resolver.region().id() + ":" + event.account() + ":vpc/" + resourceId;
        return new ActionPlan(NAME, vpc, configId + "/" + resourceId, state(configId, resourceId),
                "AssociateResolverQueryLogConfig " + configId + " with " + resourceId,
                new AssociateQueryLoggingUndo(configId, resourceId));
    }

    private static String requested(CloudTrailEvent event, String parameter) {
        String value = event.detail().requestParameters().path(parameter).asText("");
        if (value.isBlank()) {
            throw new MalformedEventException("detail.requestParameters." + parameter, "is missing");
        }
        return value;
    }

    @Override
    public void apply(ActionPlan plan) {
        String[] ids = plan.address().split("/", 2);
        resolver.associate(ids[0], ids[1]);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        String[] ids = plan.address().split("/", 2);
        return state(ids[0], ids[1]);
    }

    /** The query logging configuration's tags (the VPC's would need EC2). */
    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return resolver.config(plan.address().split("/", 2)[0]).map(config -> resolver.tags(config.arn())).orElse(Map.of());
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
    public AssociateQueryLoggingUndo readUndo(JsonNode stored) {
        return AssociateQueryLoggingUndo.FORMAT.read(stored);
    }

    /** Disassociates the configuration again: only ever on an operator's explicit request. */
    @Override
    public ResourceState undo(JsonNode stored) {
        AssociateQueryLoggingUndo undo = readUndo(stored);
        resolver.disassociate(undo.configId(), undo.resourceId());
        return state(undo.configId(), undo.resourceId());
    }

    private ResourceState state(String configId, String resourceId) {
        Optional<QueryLogConfig> config = resolver.config(configId);
        if (config.isEmpty()) {
            return ResourceState.gone();
        }
        List<String> statuses = resolver.associationStatuses(configId, resourceId);
        boolean logging = resolver.logs(configId, resourceId);
        return new ResourceState(true, logging, Map.of("associations", statuses.isEmpty() ? "none" : String.join(",", statuses),
                "destination", config.get().destinationArn()));
    }
}
