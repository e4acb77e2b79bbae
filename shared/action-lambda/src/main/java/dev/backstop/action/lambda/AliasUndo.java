package dev.backstop.action.lambda;

import dev.backstop.action.ResourceState;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Moving an alias forward again to where it was before Backstop moved it (the undo of
 * {@code lambda.rollback-alias} and {@code lambda.restore-alias}, whose undo data share these
 * keys), only while it is still where Backstop put it.
 */
final class AliasUndo {

    static final String CALL = "call";
    static final String FUNCTION = "function";
    static final String ALIAS = "alias";
    static final String VERSION = "version";
    static final String WEIGHTS = "weights";
    static final String MOVED_TO = "rolledBackTo";
    static final String REVISION = "revisionId";

    private final Aliases aliases;
    private final AliasHistory history;
    private final Clock clock;

    @Inject
    AliasUndo(Aliases aliases, AliasHistory history, Clock clock) {
        this.aliases = aliases;
        this.history = history;
        this.clock = clock;
    }

    /** The undo data of a move of the alias from where it is ({@code now}) to {@code version}. */
    static Map<String, String> of(String function, String alias, AliasState now, String version) {
        return Map.of(CALL, "UpdateAlias to " + VERSION + " with " + WEIGHTS, FUNCTION, function, ALIAS, alias,
                VERSION, now.version(), WEIGHTS, AliasState.weightsJson(now.weights()), MOVED_TO, version,
                REVISION, now.revisionId() == null ? "" : now.revisionId());
    }

    ResourceState undo(Map<String, String> undo) {
        String function = required(undo, FUNCTION);
        String alias = required(undo, ALIAS);
        String original = required(undo, VERSION);
        String movedTo = required(undo, MOVED_TO);
        Map<String, Double> weights = AliasState.weights(undo.get(WEIGHTS));
        Optional<AliasState> found = aliases.find(function, alias);
        if (found.isEmpty()) {
            return ResourceState.gone();
        }
        AliasState now = found.get();
        if (now.version().equals(original) && now.weights().equals(weights)) {
            return now.state(original);
        }
        if (!now.version().equals(movedTo) || !now.weights().isEmpty()) {
            throw new IllegalStateException("alias " + now.aliasArn() + " moved after Backstop moved it to version "
                    + movedTo + " (it is at " + now.version() + " " + AliasState.weightsJson(now.weights())
                    + "); nothing was changed (move it by hand if that is meant)");
        }
        aliases.move(function, alias, original, weights, now.revisionId());
        history.recordMove(now.aliasArn(), original, clock.instant(), AliasHistory.OWN_SOURCE + "undo");
        return aliases.find(function, alias).map(moved -> moved.state(original)).orElse(ResourceState.gone());
    }

    static String required(Map<String, String> undo, String key) {
        String value = undo.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the undo data names no " + key);
        }
        return value;
    }
}
