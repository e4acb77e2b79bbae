package dev.backstop.action.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.AlarmOnlyAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.lambda.AliasHistory.AliasMove;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;

/**
 * Moves a function's alias back to the version it pointed to before its most recent change, when
 * an alarm on the function or the alias fires (state ALARM; a return to OK never moves anything).
 *
 * <p>Where to: a weighted alias (a canary) loses its weights, so all traffic goes back to its
 * primary version; otherwise the version before the alias's latest move as Backstop's own
 * {@link AliasHistory} recorded it from CloudTrail, or, where the history does not know the move
 * that put the alias where it is, the highest published version below the current one. With
 * neither, the action refuses: a guess is worse than a person looking.
 *
 * <p>After a rollback the history's latest move is Backstop's own: a second alarm on the same
 * version finds the alias already rolled back (ALREADY_COMPLIANT) instead of stepping further back
 * one version per alarm. The move carries the alias's revision id, so an alias someone changed
 * since the plan read it is left alone (FAILED). Undo moves the alias forward to the version and
 * weights it had, only while it is still where Backstop put it.
 */
final class RollbackAliasAction implements AlarmOnlyAction {

    static final String NAME = "lambda.rollback-alias";
    static final String ALARM = "ALARM";

    private final Aliases aliases;
    private final AliasHistory history;
    private final Region region;
    private final Clock clock;

    @Inject
    RollbackAliasAction(Aliases aliases, AliasHistory history, Region region, Clock clock) {
        this.aliases = aliases;
        this.history = history;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof AlarmEvent alarm && ALARM.equals(alarm.state()) && AliasTarget.function(alarm).isPresent();
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof AlarmEvent alarm)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        AliasTarget target = AliasTarget.of(alarm, spec);
        if (alarm.region() != null && !region.id().equals(alarm.region())) {
            throw new IllegalStateException("the alarm is in " + alarm.region() + ", but this handler's Lambda client"
                    + " works in " + region.id() + ": deploy Backstop in " + alarm.region() + " too");
        }
        String named = target.function() + ":" + target.alias();
        Optional<AliasState> found = aliases.find(target.function(), target.alias());
        if (found.isEmpty()) {
            String resource = alarm.account() == null || alarm.region() == null ? named
                    : FunctionArns.unqualified(target.function(), alarm.region(), alarm.account()) + ":" + target.alias();
            return new ActionPlan(NAME, resource, target.function(), ResourceState.gone(), "roll back alias " + named);
        }
        AliasState now = found.get();
        if (!now.weights().isEmpty()) {
            return rollback(target, now, now.version(), "remove the weighted routing " + AliasState.weightsJson(now.weights())
                    + ", so all traffic goes to version " + now.version());
        }
        if (Aliases.number(now.version()).isEmpty()) {
            throw new ActionRefusedException(now.aliasArn(), "the alias points at " + now.version()
                    + ", which has no earlier version to roll back to");
        }
        long current = Aliases.number(now.version()).get();
        Optional<AliasMove> recorded = history.latest(now.aliasArn()).filter(move -> move.version().equals(now.version()));
        if (recorded.isPresent() && recorded.get().source().equals(AliasHistory.OWN_SOURCE + NAME)) {
            return new ActionPlan(NAME, now.aliasArn(), target.function(), now.state(now.version()),
                    "none: Backstop rolled " + named + " back to version " + now.version() + " at "
                            + recorded.get().setAt() + "; going further back is a person's call");
        }
        SortedSet<Long> published = aliases.publishedVersions(target.function());
        Optional<String> fromHistory = recorded.map(AliasMove::previousVersion)
                .filter(previous -> Aliases.number(previous).filter(published::contains).isPresent())
                .filter(previous -> !previous.equals(now.version()));
        if (fromHistory.isPresent()) {
            return rollback(target, now, fromHistory.get(), "the version it pointed to before its move at "
                    + recorded.get().setAt() + " (" + recorded.get().source() + ")");
        }
        SortedSet<Long> below = published.headSet(current);
        String unknown = recorded.isEmpty() ? "Backstop recorded no move of the alias to version " + now.version()
                : "the version before it, " + recorded.get().previousVersion() + ", is not a published version";
        if (below.isEmpty()) {
            throw new ActionRefusedException(now.aliasArn(), "no version to roll back to: " + unknown + ", and "
                    + target.function() + " has no published version below " + now.version());
        }
        return rollback(target, now, Long.toString(below.last()), "the highest published version below "
                + now.version() + " (" + unknown + ")");
    }

    private static ActionPlan rollback(AliasTarget target, AliasState now, String version, String why) {
        RollbackAliasUndo undo = new RollbackAliasUndo(target.function(), target.alias(), now.version(), now.weights(),
                version, now.revisionId());
        return new ActionPlan(NAME, now.aliasArn(), target.function(), now.state(version),
                "UpdateAlias " + now.aliasArn() + " from version " + now.version() + " to " + version + ": " + why, undo);
    }

    @Override
    public void apply(ActionPlan plan) {
        moveBack(plan, NAME);
    }

    /** Moves the alias to the version the plan rolls back to, on record in the history as the named action's move. */
    void moveBack(ActionPlan plan, String action) {
        RollbackAliasUndo undo = plan.undo(RollbackAliasUndo.class);
        aliases.move(undo.function(), undo.alias(), undo.rolledBackTo(), Map.of(), undo.revisionId());
        history.recordMove(plan.resource(), undo.rolledBackTo(), clock.instant(), AliasHistory.OWN_SOURCE + action);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        RollbackAliasUndo undo = plan.undo(RollbackAliasUndo.class);
        return aliases.find(undo.function(), undo.alias()).map(alias -> alias.state(undo.rolledBackTo()))
                .orElse(ResourceState.gone());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return aliases.tags(plan.resource().substring(0, plan.resource().lastIndexOf(':')));
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RollbackAliasUndo readUndo(JsonNode stored) {
        return RollbackAliasUndo.FORMAT.read(stored);
    }

    /** Moves the alias forward to the version and weights it had, only while it is where Backstop put it. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RollbackAliasUndo undo = readUndo(stored);
        String function = undo.function();
        String alias = undo.alias();
        String original = undo.version();
        String rolledBackTo = undo.rolledBackTo();
        Map<String, Double> weights = undo.weights();
        Optional<AliasState> found = aliases.find(function, alias);
        if (found.isEmpty()) {
            return ResourceState.gone();
        }
        AliasState now = found.get();
        if (now.version().equals(original) && now.weights().equals(weights)) {
            return now.state(original);
        }
        if (!now.version().equals(rolledBackTo) || !now.weights().isEmpty()) {
            throw new IllegalStateException("alias " + now.aliasArn() + " moved after Backstop rolled it back to version "
                    + rolledBackTo + " (it is at " + now.version() + " " + AliasState.weightsJson(now.weights())
                    + "); nothing was changed (move it by hand if that is meant)");
        }
        aliases.move(function, alias, original, weights, now.revisionId());
        history.recordMove(now.aliasArn(), original, clock.instant(), AliasHistory.OWN_SOURCE + "undo");
        return aliases.find(function, alias).map(moved -> moved.state(original)).orElse(ResourceState.gone());
    }

}
