package dev.backstop.action.iam;

import dev.backstop.action.EventObserver;
import dev.backstop.action.PolicyGrants;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import java.time.Clock;
import java.util.Set;
import javax.inject.Inject;

/**
 * Records a role's trust policy in the {@link TrustPolicyHistory} after every successful call that
 * sets one (CreateRole, UpdateAssumeRolePolicy), whoever made it, Backstop included: the policy
 * read back from IAM, not the one the event carries, so that what is restored later is a state AWS
 * held. It runs before the rules, so the call that lets an outsider in is recorded as such and
 * the role's latest trusted policy is still the one before it.
 */
final class TrustPolicyRecorder implements EventObserver {

    static final Set<String> CALLS = Set.of("CreateRole", "UpdateAssumeRolePolicy");

    private final Principals principals;
    private final TrustPolicyHistory history;
    private final TrustedSet trusted;
    private final Clock clock;

    @Inject
    TrustPolicyRecorder(Principals principals, TrustPolicyHistory history, Settings settings, Clock clock) {
        this.principals = principals;
        this.history = history;
        this.trusted = settings.trusted();
        this.clock = clock;
    }

    @Override
    public void observe(CloudTrailEvent event) {
        if (!"iam.amazonaws.com".equals(event.detail().eventSource()) || !CALLS.contains(event.detail().eventName())) {
            return;
        }
        String roleName = EventPrincipals.text(event.detail().requestParameters(), "roleName");
        if (roleName == null) {
            return;
        }
        principals.trust(roleName).ifPresent(role -> {
            boolean letsNoOutsiderIn = PolicyDocuments.tree(role.document())
                    .map(policy -> TrustPolicies.outside(policy, new PolicyGrants(trusted, event.account())).isEmpty())
                    .orElse(false);
            history.record(role.arn(), role.document(), letsNoOutsiderIn, clock.instant(), event.eventId());
        });
    }
}
