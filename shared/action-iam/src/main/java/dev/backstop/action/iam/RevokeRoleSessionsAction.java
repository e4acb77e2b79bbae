package dev.backstop.action.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Timestamps;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Revokes a role's active sessions as the IAM console's "Revoke active sessions" does: an inline
 * policy {@code AWSRevokeOlderSessions} that denies everything to credentials issued before now
 * ({@code DateLessThan aws:TokenIssueTime}). Whoever may assume the role gets fresh sessions that
 * work; stolen ones stop. Undo deletes the policy, or puts back the older one it replaced. For an
 * Attach*Policy event the policy must be attached now ({@link IamClaims}), or it refuses.
 */
final class RevokeRoleSessionsAction implements RemediationAction {

    static final String NAME = "iam.revoke-role-sessions";
    /** The console's name, so the console and Backstop update one policy rather than two. */
    static final String POLICY_NAME = "AWSRevokeOlderSessions";
    static final String REVOKED_BEFORE = "revokedBefore";
    private static final String NONE = "none";

    private final Principals principals;
    private final InlinePolicySwap swap;
    private final IamClaims claims;
    private final Clock clock;

    @Inject
    RevokeRoleSessionsAction(Principals principals, InlinePolicySwap swap, IamClaims claims, Clock clock) {
        this.principals = principals;
        this.swap = swap;
        this.claims = claims;
        this.clock = clock;
    }


    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        Principal named = EventPrincipals.choose(spec.string("role").orElse(EventPrincipals.CALLER), event);
        if (named.kind() != Principal.Kind.ROLE) {
            throw new ActionRefusedException(named.path(), "sessions can be revoked only for a role, and "
                    + named.path() + " is a user");
        }
        claims.requireAttached(event);
        Optional<Principal> found = principals.find(named);
        if (found.isEmpty()) {
            return new ActionPlan(NAME, named.path(), named.name(), ResourceState.gone(),
                    "revoke the sessions of " + named.path());
        }
        Principal role = found.get();
        Optional<String> current = principals.inlinePolicy(role, POLICY_NAME);
        // Sessions issued up to the risky call, and any since: at least one second past the event.
        Instant eventTime = event.detail().eventTime();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant revokeBefore = now.isAfter(eventTime) ? now : eventTime.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        RevokeSessionsUndo undo = new RevokeSessionsUndo(role.kind(), role.name(), role.arn(), POLICY_NAME,
                current.orElse(null), revokeBefore);
        return new ActionPlan(NAME, role.arn(), role.name(), state(current, eventTime),
                "revoke the sessions of " + role.arn() + " issued before " + revokeBefore, undo);
    }

    @Override
    public void apply(ActionPlan plan) {
        RevokeSessionsUndo undo = plan.undo(RevokeSessionsUndo.class);
        swap.put(undo, document(undo.revokedBefore()));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        RevokeSessionsUndo undo = plan.undo(RevokeSessionsUndo.class);
        return state(swap.current(undo), undo.revokedBefore());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return principals.tags(plan.undo(RevokeSessionsUndo.class).principal());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RevokeSessionsUndo readUndo(JsonNode stored) {
        return RevokeSessionsUndo.FORMAT.read(stored);
    }

    @Override
    public ResourceState undo(JsonNode stored) {
        RevokeSessionsUndo undo = readUndo(stored);
        swap.restore(undo);
        return state(swap.current(undo), undo.revokedBefore());
    }

    static String document(Instant revokeBefore) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + revokeBefore + "\"}}}]}";
    }

    /** Compliant when the policy revokes every session issued before {@code atLeast}. */
    private static ResourceState state(Optional<String> document, Instant atLeast) {
        Optional<Instant> revoked = document.flatMap(RevokeRoleSessionsAction::revokedBefore);
        boolean compliant = revoked.map(time -> !time.isBefore(atLeast)).orElse(false);
        return new ResourceState(true, compliant, Map.of(
                REVOKED_BEFORE, revoked.map(Instant::toString).orElse(NONE),
                POLICY_NAME, PolicyDocuments.fingerprint(document)));
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
