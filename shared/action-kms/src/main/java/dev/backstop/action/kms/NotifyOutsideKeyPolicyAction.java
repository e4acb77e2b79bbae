package dev.backstop.action.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.NotifyOnlyAction;
import dev.backstop.action.PolicyGrants;
import dev.backstop.action.ResourceState;
import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code kms.notify-outside-key-policy}: a key policy set by PutKeyPolicy or CreateKey lets in an
 * account outside the {@link TrustedSet} (or everyone), as {@link PolicyGrants} judges every
 * other policy. It tells the team which principals and what to run, and changes nothing: the
 * policy in the event decides only whether to tell, since a key policy put back wrongly can lock
 * everyone out of the key. A policy that grants no outsider is no match, and so is Backstop's own
 * key, whose policy change {@code self-watch-key-policy-changed} reports whoever it lets in.
 */
final class NotifyOutsideKeyPolicyAction implements NotifyOnlyAction {

    static final String NAME = "kms.notify-outside-key-policy";
    static final String UNREADABLE = "the policy in the event, unreadable";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Keys keys;
    private final OwnResources own;
    private final TrustedSet trusted;

    @Inject
    NotifyOutsideKeyPolicyAction(Keys keys, Optional<OwnResources> own, Settings settings) {
        this.keys = keys;
        this.own = own.orElse(OwnResources.none());
        this.trusted = settings.trusted();
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && !KeyTargets.named(event).map(own::includes).orElse(false)
                && !outside(event).isEmpty();
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        Optional<String> named = KeyTargets.named(event);
        if (named.map(own::includes).orElse(false)) {
            throw new ActionRefusedException(named.get(), "Backstop's own key: self-watch-key-policy-changed answers it");
        }
        String key = named.orElse("kms " + event.detail().eventName());
        List<String> outside = outside(event);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("key", key);
        facts.put("outside", String.join(", ", outside));
        facts.put("caller", event.detail().userIdentity().displayName());
        String change = "tell the team: the key policy of " + key + " lets in " + String.join(", ", outside)
                + "; aws kms get-key-policy --key-id " + key + " --policy-name default shows it, and aws kms"
                + " put-key-policy puts back one without them";
        return new ActionPlan(NAME, key, key, new ResourceState(true, outside.isEmpty(), facts), change);
    }

    /** A key the team exempted by tag is left alone; a key the call did not name has no tags to read. */
    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return plan.address().startsWith("arn:") ? keys.tags(plan.address()) : Map.of();
    }

    /** The outsiders the call's policy lets in; the policy is read only to decide whether to tell. */
    private List<String> outside(CloudTrailEvent event) {
        JsonNode sent = event.detail().requestParameters().path("policy");
        if (sent.isMissingNode() || sent.isNull()) {
            return List.of(); // CreateKey without a policy: KMS's default lets in this account only
        }
        JsonNode policy;
        try {
            policy = sent.isTextual() ? JSON.readTree(sent.asText()) : sent;
        } catch (JsonProcessingException e) {
            return List.of(UNREADABLE);
        }
        if (policy == null || !policy.isObject()) {
            return List.of(UNREADABLE);
        }
        String owner = KeyTargets.named(event).flatMap(PolicyGrants::accountOf).orElse(event.account());
        PolicyGrants grants = new PolicyGrants(trusted, owner);
        return PolicyGrants.statements(policy).stream().flatMap(statement -> grants.outside(statement).stream())
                .distinct().toList();
    }
}
