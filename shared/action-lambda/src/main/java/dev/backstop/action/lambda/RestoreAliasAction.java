package dev.backstop.action.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.CallTargets;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.lambda.AliasHistory.AliasMove;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code lambda.restore-alias}: someone other than Backstop and its deployment moved the alias of
 * one of Backstop's own functions (UpdateAlias), so its events would run code or settings the
 * deployment never published. Moves the alias back to the version it pointed at before that move,
 * with no weighted routing, and reads it back.
 *
 * <p>Where back to comes from Backstop's {@link AliasHistory}, which the {@link LambdaHistoryRecorder}
 * fed from the deployment's own CreateAlias and UpdateAlias calls and, before the rules decide,
 * from this very call (read back from Lambda after it, never from the event's own fields): the
 * version before this call's move. When a later move is recorded (a
 * deployment since, or Backstop's own restore), the alias is left where that move put it, only its
 * weights removed. Without a recorded move before this one, the action refuses: a guess is worse
 * than a person looking. The move carries the alias's revision id, so an alias changed since the
 * plan read it is left alone (FAILED). It acts only on Backstop's own functions ({@link OwnResources});
 * undo moves the alias forward again, only while it is where Backstop put it ({@link RollbackAliasAction}'s
 * undo, whose undo data it shares).
 */
final class RestoreAliasAction implements RemediationAction {

    static final String NAME = "lambda.restore-alias";

    private final Aliases aliases;
    private final AliasHistory history;
    private final RollbackAliasAction rollback;
    private final OwnResources own;

    /** {@code rollback}: whose undo data and undo this action shares (an alias moved back, moved forward again). */
    @Inject
    RestoreAliasAction(Aliases aliases, AliasHistory history, RollbackAliasAction rollback, Optional<OwnResources> own) {
        this.aliases = aliases;
        this.history = history;
        this.rollback = rollback;
        this.own = own.orElse(OwnResources.none());
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && CallTargets.function(event).map(own::includes).orElse(false)
                && !aliasName(event).isEmpty();
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String function = CallTargets.function(event).orElseThrow(() -> new ActionRefusedException(event.eventId(),
                "the event names no function"));
        String alias = aliasName(event);
        if (!own.includes(function) || alias.isEmpty()) {
            throw new ActionRefusedException(function, "not an alias of one of Backstop's own functions");
        }
        Optional<AliasState> found = aliases.find(function, alias);
        if (found.isEmpty()) {
            return new ActionPlan(NAME, function + ":" + alias, function, ResourceState.gone(), "restore alias " + alias);
        }
        AliasState now = found.get();
        String wanted = wanted(event, now);
        String change = wanted.equals(now.version())
                ? "UpdateAlias " + now.aliasArn() + ": remove the weighted routing " + AliasState.weightsJson(now.weights())
                : "UpdateAlias " + now.aliasArn() + " from version " + now.version() + " back to " + wanted
                        + ", where it pointed before " + event.detail().userIdentity().displayName() + " moved it";
        return new ActionPlan(NAME, now.aliasArn(), function, now.state(wanted), change,
                new RollbackAliasUndo(function, alias, now.version(), now.weights(), wanted, now.revisionId()));
    }

    /** The version the alias belongs at, from the history's latest move (see the class comment). */
    private String wanted(CloudTrailEvent event, AliasState now) {
        AliasMove latest = history.latest(now.aliasArn()).orElseThrow(() -> new ActionRefusedException(now.aliasArn(),
                "Backstop's alias history holds no move of this alias, so where it belongs is unknown; nothing was changed"));
        if (!latest.version().equals(now.version())) {
            throw new ActionRefusedException(now.aliasArn(), "the alias is at version " + now.version()
                    + ", but Backstop's history last saw it moved to " + latest.version() + "; nothing was changed");
        }
        // The recorder read this call's move back from Lambda before the rules decided, and named it so.
        if (!latest.source().equals(LambdaHistoryRecorder.READ_AFTER + event.eventId())) {
            return now.version(); // a later move (a deployment, Backstop's own) put it here, or this call only changed weights
        }
        if (latest.previousVersion() == null) {
            throw new ActionRefusedException(now.aliasArn(), "Backstop's alias history holds no move before this one,"
                    + " so where the alias belongs is unknown; nothing was changed");
        }
        return latest.previousVersion();
    }

    @Override
    public void apply(ActionPlan plan) {
        rollback.moveBack(plan, NAME);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return rollback.readBack(plan);
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of(); // Backstop's own functions are never exempt by tag
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RollbackAliasUndo readUndo(JsonNode stored) {
        return rollback.readUndo(stored);
    }

    /** As lambda.rollback-alias's undo: forward again, only while the alias is where Backstop put it. */
    @Override
    public ResourceState undo(JsonNode stored) {
        return rollback.undo(stored);
    }

    /** UpdateAlias names the alias in {@code name}. */
    private static String aliasName(CloudTrailEvent event) {
        JsonNode name = event.detail().requestParameters().path("name");
        return name.isTextual() ? name.asText().trim() : "";
    }
}
