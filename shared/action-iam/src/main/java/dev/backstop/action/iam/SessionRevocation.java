package dev.backstop.action.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Revokes a principal's temporary credentials as the IAM console's "Revoke active sessions" does:
 * an inline policy that denies everything to credentials issued before a time
 * ({@code DateLessThan aws:TokenIssueTime}). Long-term keys carry no issue time and keep working;
 * credentials issued afterwards work. What the role and user revocations share.
 */
final class SessionRevocation {

    static final String REVOKED_BEFORE = "revokedBefore";
    private static final String NONE = "none";

    private final String action;
    private final String policyName;
    private final Principals principals;
    private final InlinePolicySwap swap;
    private final IamClaims claims;
    private final Clock clock;

    SessionRevocation(String action, String policyName, Principals principals, InlinePolicySwap swap, IamClaims claims,
            Clock clock) {
        this.action = action;
        this.policyName = policyName;
        this.principals = principals;
        this.swap = swap;
        this.claims = claims;
        this.clock = clock;
    }

    /**
     * Credentials issued up to the event, and any since: at least one second past it. For an
     * Attach*Policy event the policy must be attached now ({@link IamClaims}), or it refuses.
     */
    ActionPlan plan(CloudTrailEvent event, Principal named, String what) {
        claims.requireAttached(event);
        return plan(named, event.detail().eventTime(), what);
    }

    /** Credentials issued up to {@code eventTime} (a finding's update time), and any since. */
    ActionPlan plan(Principal named, Instant eventTime, String what) {
        Optional<Principal> found = principals.find(named);
        if (found.isEmpty()) {
            return new ActionPlan(action, named.path(), named.name(), ResourceState.gone(),
                    "revoke the " + what + " of " + named.path());
        }
        Principal principal = found.get();
        Optional<String> current = principals.inlinePolicy(principal, policyName);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant revokeBefore = now.isAfter(eventTime) ? now : eventTime.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        RevokeSessionsUndo undo = new RevokeSessionsUndo(principal.kind(), principal.name(), principal.arn(), policyName,
                current.orElse(null), revokeBefore);
        return new ActionPlan(action, principal.arn(), principal.name(), state(current, eventTime),
                "revoke the " + what + " of " + principal.arn() + " issued before " + revokeBefore, undo);
    }

    void apply(ActionPlan plan) {
        RevokeSessionsUndo undo = plan.undo(RevokeSessionsUndo.class);
        swap.put(undo, document(undo.revokedBefore()));
    }

    ResourceState readBack(ActionPlan plan) {
        RevokeSessionsUndo undo = plan.undo(RevokeSessionsUndo.class);
        return state(swap.current(undo), undo.revokedBefore());
    }

    Map<String, String> tags(ActionPlan plan) {
        return principals.tags(plan.undo(RevokeSessionsUndo.class).principal());
    }

    ResourceState undo(RevokeSessionsUndo undo) {
        swap.restore(undo);
        return state(swap.current(undo), undo.revokedBefore());
    }

    static String document(Instant revokeBefore) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + revokeBefore + "\"}}}]}";
    }

    /** Compliant when the policy revokes every credential issued before {@code atLeast}. */
    private ResourceState state(Optional<String> document, Instant atLeast) {
        Optional<Instant> revoked = document.flatMap(SessionRevocation::revokedBefore);
        boolean compliant = revoked.map(time -> !time.isBefore(atLeast)).orElse(false);
        return new ResourceState(true, compliant, Map.of(
                REVOKED_BEFORE, revoked.map(Instant::toString).orElse(NONE),
                policyName, PolicyDocuments.fingerprint(document)));
    }

    /** The latest {@code aws:TokenIssueTime} a deny statement of the document names. */
    static Optional<Instant> revokedBefore(String document) {
        Optional<JsonNode> tree = PolicyDocuments.tree(document);
        if (tree.isEmpty()) {
            return Optional.empty();
        }
        JsonNode statements = tree.get().path("Statement");
        List<JsonNode> list = statements.isArray() ? statements.valueStream().toList() : List.of(statements);
        return list.stream()
                .filter(statement -> "Deny".equals(statement.path("Effect").asText()))
                .map(statement -> statement.path("Condition").path("DateLessThan").path("aws:TokenIssueTime").asText(null))
                .flatMap(text -> Timestamps.parse(text).stream())
                .max(Instant::compareTo);
    }
}
