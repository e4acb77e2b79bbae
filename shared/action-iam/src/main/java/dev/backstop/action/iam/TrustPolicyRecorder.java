package dev.backstop.action.iam;

import dagger.Lazy;
import dev.backstop.action.EventObserver;
import dev.backstop.action.PolicyGrants;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.telemetry.Degradation;
import dev.backstop.telemetry.Telemetry;
import java.time.Clock;
import java.util.Set;
import javax.inject.Inject;

/**
 * Records a role's trust policy in the {@link TrustPolicyHistory} after every successful call that
 * sets one (CreateRole, UpdateAssumeRolePolicy), whoever made it, Backstop included: the policy
 * read back from IAM when the event arrives, dated when it was read, never the document or the time
 * the event carries, so that what is restored later is a state AWS held and a forged event cannot
 * plant the policy a restore would write. It runs before the rules, so the call that lets an
 * outsider in is recorded as such and the role's latest trusted policy is still the one before it.
 * An event that names no role is counted as not recorded; a role gone by the time it is read is
 * not recorded.
 */
final class TrustPolicyRecorder implements EventObserver {

    static final Set<String> CALLS = Set.of("CreateRole", "UpdateAssumeRolePolicy");
    /** Counted for a trust policy change that could not be recorded (an unreadable event): the history misses it. */
    static final String NOT_RECORDED = Degradation.HISTORY_NOT_RECORDED.metric();

    // Lazy: the IAM client is built for the first trust policy change, not for every cold start.
    private final Lazy<Principals> principals;
    private final TrustPolicyHistory history;
    private final TrustedSet trusted;
    private final Telemetry telemetry;
    private final Clock clock;

    @Inject
    TrustPolicyRecorder(Lazy<Principals> principals, TrustPolicyHistory history, Settings settings, Telemetry telemetry,
            Clock clock) {
        this.principals = principals;
        this.history = history;
        this.trusted = settings.trusted();
        this.telemetry = telemetry;
        this.clock = clock;
    }

    @Override
    public void observe(CloudTrailEvent event) {
        if (!"iam.amazonaws.com".equals(event.detail().eventSource()) || !CALLS.contains(event.detail().eventName())) {
            return;
        }
        String roleName = EventPrincipals.text(event.detail().requestParameters(), "roleName");
        if (roleName == null) {
            String reason = "the event names no role (requestParameters.roleName)";
            telemetry.count(NOT_RECORDED, event.detail().eventName() + " " + event.eventId() + " not recorded in the"
                    + " trust policy history: " + reason, telemetry.fields().put("history", "trust-policy")
                    .put("eventId", event.eventId()).put("reason", reason));
            return;
        }
        principals.get().trust(roleName).ifPresent(role -> {
            boolean letsNoOutsiderIn = PolicyDocuments.tree(role.document())
                    .map(policy -> TrustPolicies.outside(policy, new PolicyGrants(trusted, event.account())).isEmpty())
                    .orElse(false);
            history.record(role.arn(), role.document(), letsNoOutsiderIn, clock.instant(), event.eventId());
        });
    }
}
