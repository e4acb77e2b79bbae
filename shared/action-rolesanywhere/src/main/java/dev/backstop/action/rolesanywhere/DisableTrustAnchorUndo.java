package dev.backstop.action.rolesanywhere;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** The trust anchor disabled, which undo enables again. Came with version 2. */
record DisableTrustAnchorUndo(String trustAnchorId) implements UndoData {

    static final UndoFormat<DisableTrustAnchorUndo> FORMAT = UndoFormat.of(DisableTrustAnchorUndo.class);

    DisableTrustAnchorUndo {
        UndoData.require(trustAnchorId, "trustAnchorId");
    }

    @Override
    public String call() {
        return "EnableTrustAnchor";
    }
}
