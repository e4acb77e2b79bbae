package dev.backstop.action.lambda;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alias moved back: the version and weighted routing it had, which undo moves it forward to,
 * the version it was rolled back to, which undo checks it is still at, and the revision the move
 * was made on (null when Lambda gave none). Version 1 held the weights as JSON text and an
 * absent revision as an empty string.
 */
record RollbackAliasUndo(String function, String alias, String version, Map<String, Double> weights,
        String rolledBackTo, String revisionId) implements UndoData {

    static final UndoFormat<RollbackAliasUndo> FORMAT = UndoFormat.of(RollbackAliasUndo.class,
            version1 -> new RollbackAliasUndo(version1.get("function"), version1.get("alias"), version1.get("version"),
                    AliasState.weights(version1.get("weights")), version1.get("rolledBackTo"),
                    version1.get("revisionId")));

    RollbackAliasUndo {
        UndoData.require(function, "function");
        UndoData.require(alias, "alias");
        UndoData.require(version, "version");
        UndoData.require(rolledBackTo, "rolledBackTo");
        weights = Collections.unmodifiableMap(new TreeMap<>(weights == null ? Map.of() : weights));
        revisionId = revisionId == null || revisionId.isEmpty() ? null : revisionId;
    }

    @Override
    public String call() {
        return "UpdateAlias to version with weights";
    }
}
