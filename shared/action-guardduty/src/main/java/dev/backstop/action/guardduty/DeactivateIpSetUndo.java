package dev.backstop.action.guardduty;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** What activates a trusted IP list again: its detector's id and its own. */
record DeactivateIpSetUndo(String detectorId, String ipSetId) implements UndoData {

    static final UndoFormat<DeactivateIpSetUndo> FORMAT = UndoFormat.of(DeactivateIpSetUndo.class);

    DeactivateIpSetUndo {
        UndoData.require(detectorId, "detectorId");
        UndoData.require(ipSetId, "ipSetId");
    }

    @Override
    public String call() {
        return "UpdateIPSet activate=true";
    }
}
