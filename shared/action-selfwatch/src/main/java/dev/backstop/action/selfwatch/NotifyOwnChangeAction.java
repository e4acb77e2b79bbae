package dev.backstop.action.selfwatch;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.CallTargets;
import dev.backstop.action.NotifyOnlyAction;
import dev.backstop.action.ResourceState;
import dev.backstop.catalogue.SelfWatchParametersModule;
import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code selfwatch.notify}: someone changed one of Backstop's own resources in a way no action can
 * reverse from the event (a rule or a function deleted, a role's trust rewritten, a queue purged).
 * It tells the team what was done, by whom, to what, and what to run (the rule's {@code run}
 * parameter), and changes nothing: ship its rules in mode {@code notify}, where the decision reads
 * NOTIFIED. In enforce mode there is nothing to apply, and the read-back says so: the decision
 * reads FAILED, since nothing was put right.
 *
 * <p>It applies only when the call names one of Backstop's own resources ({@link OwnResources};
 * {@link CallTargets} reads what each service's call names). A role is named in CloudTrail by its
 * name alone, so its ARN, path included, is taken from the function's own principals, which list
 * Backstop's roles exactly.
 */
final class NotifyOwnChangeAction implements NotifyOnlyAction {

    static final String NAME = "selfwatch.notify";

    private final OwnResources own;
    private final List<String> knownRoles;

    @Inject
    NotifyOwnChangeAction(Optional<OwnResources> own, Settings settings) {
        this.own = own.orElse(OwnResources.none());
        this.knownRoles = settings.ownPrincipals();
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && !ownTargets(event).isEmpty();
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        List<String> targets = ownTargets(event);
        if (targets.isEmpty()) {
            throw new ActionRefusedException(event.eventId(), "the call names none of Backstop's own resources");
        }
        String resource = String.join(",", targets);
        String call = event.detail().baseEventName();
        String run = spec.string(SelfWatchParametersModule.RUN).orElse("see docs/threat-model.md");
        return new ActionPlan(NAME, resource, resource,
                new ResourceState(true, false, Map.of("call", call, "by", event.detail().userIdentity().displayName())),
                call + " on Backstop's " + resource + " cannot be reversed from the event; to put it right: " + run);
    }

    /** Telling the team puts nothing of Backstop's right: in enforce mode the decision reads FAILED. */
    @Override
    public ResourceState readBack(ActionPlan plan) {
        return new ResourceState(true, false, Map.of("changed", "nothing: a person must act"));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of(); // Backstop's own resources are never exempt by tag
    }

    private List<String> ownTargets(CloudTrailEvent event) {
        return CallTargets.of(event, knownRoles).stream().filter(own::includes).toList();
    }
}
