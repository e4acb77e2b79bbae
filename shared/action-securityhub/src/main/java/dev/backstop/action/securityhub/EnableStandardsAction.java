package dev.backstop.action.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.securityhub.SecurityHubApi.Subscription;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code securityhub.enable-standards}: enables again the Security Hub standards a
 * BatchDisableStandards call disabled. Each subscription ARN of the call names its standard
 * ({@code subscription/aws-foundational-security-best-practices/v/1.0.0}); the standard's ARN is
 * read from Security Hub (DescribeStandards), never taken from the call. Done when
 * GetEnabledStandards reads every one READY, PENDING or INCOMPLETE; the subscription ARNs come
 * back the same, as Security Hub derives them from the account, the region and the standard.
 *
 * <p>Undoable: an operator's undo disables those standards again.
 */
final class EnableStandardsAction implements RemediationAction {

    static final String NAME = "securityhub.enable-standards";

    private final SecurityHubApi securityHub;

    @Inject
    EnableStandardsAction(SecurityHubApi securityHub) {
        this.securityHub = securityHub;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        List<String> subscriptions = subscriptionArns(event);
        String hub = "arn:aws:securityhub:" + securityHub.region().id() + ":" + event.account() + ":hub/default";
        List<String> standards = new ArrayList<>();
        List<String> offered = securityHub.standards();
        for (String subscription : subscriptions) {
            standards.add(standardOf(subscription, offered).orElseThrow(() -> new ActionRefusedException(hub,
                    "Security Hub offers no standard in " + securityHub.region().id() + " for subscription " + subscription)));
        }
        return new ActionPlan(NAME, hub, String.join(",", standards), state(standards),
                "BatchEnableStandards " + String.join(", ", standards),
                new EnableStandardsUndo(subscriptions, standards));
    }

    /** {@code requestParameters.StandardsSubscriptionArns} (Security Hub's records keep the API's own casing). */
    private static List<String> subscriptionArns(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        JsonNode arns = request.has("StandardsSubscriptionArns") ? request.get("StandardsSubscriptionArns")
                : request.path("standardsSubscriptionArns");
        if (!arns.isArray() || arns.isEmpty()) {
            throw new MalformedEventException("detail.requestParameters.StandardsSubscriptionArns",
                    "is missing or empty; the standards are unknown");
        }
        List<String> subscriptions = new ArrayList<>();
        arns.forEach(arn -> subscriptions.add(arn.asText()));
        return subscriptions;
    }

    /**
     * The standard a subscription is to: the one whose ARN ends as the subscription's does after
     * {@code subscription/} ({@code standards/...}, or {@code ruleset/...} for CIS 1.2.0).
     */
    static Optional<String> standardOf(String subscriptionArn, List<String> offered) {
        int at = subscriptionArn.indexOf(":subscription/");
        if (at < 0) {
            return Optional.empty();
        }
        String path = subscriptionArn.substring(at + ":subscription/".length());
        return offered.stream().filter(arn -> arn.endsWith(":standards/" + path) || arn.endsWith(":ruleset/" + path))
                .findFirst();
    }

    @Override
    public void apply(ActionPlan plan) {
        List<String> wanted = List.of(plan.address().split(","));
        List<String> enabled = securityHub.enabledStandards().stream().filter(Subscription::enabled)
                .map(Subscription::standardsArn).toList();
        securityHub.enableStandards(wanted.stream().filter(arn -> !enabled.contains(arn)).toList());
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(List.of(plan.address().split(",")));
    }

    /** The hub's tags would need another call per decision: tag exemptions do not apply to this action. */
    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of();
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
    public EnableStandardsUndo readUndo(JsonNode stored) {
        return EnableStandardsUndo.FORMAT.read(stored);
    }

    /** Disables the standards again: only ever on an operator's explicit request. */
    @Override
    public ResourceState undo(JsonNode stored) {
        EnableStandardsUndo undo = readUndo(stored);
        securityHub.disableStandards(undo.subscriptionArns());
        return state(undo.standardsArns());
    }

    private ResourceState state(List<String> standards) {
        Map<String, String> statuses = new LinkedHashMap<>();
        standards.forEach(standard -> statuses.put(standard, "NOT_ENABLED"));
        for (Subscription subscription : securityHub.enabledStandards()) {
            if (statuses.containsKey(subscription.standardsArn())) {
                statuses.put(subscription.standardsArn(), subscription.status());
            }
        }
        boolean enabled = statuses.values().stream().allMatch(status -> new Subscription("", "", status).enabled());
        return new ResourceState(true, enabled, statuses);
    }
}
