package dev.backstop.action.cloudtrail;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.Objects;

/**
 * The trail's selectors before the fix, which undo puts back, and the ones the fix puts on it.
 * Version 1 held each as JSON text.
 */
record RestoreEventSelectorsUndo(String trail, EventSelectors selectors, EventSelectors restored) implements UndoData {

    static final UndoFormat<RestoreEventSelectorsUndo> FORMAT = UndoFormat.of(RestoreEventSelectorsUndo.class,
            version1 -> new RestoreEventSelectorsUndo(version1.get("trail"), selectors(version1.get("selectors")),
                    selectors(version1.get("restored"))));

    RestoreEventSelectorsUndo {
        UndoData.require(trail, "trail");
        Objects.requireNonNull(selectors, "the undo data holds no selectors");
        Objects.requireNonNull(restored, "the undo data holds no restored selectors");
    }

    @Override
    public String call() {
        return "PutEventSelectors";
    }

    private static EventSelectors selectors(String text) {
        return text == null ? null : SnapshotJson.read(text, EventSelectors.class, "the undo data's event selectors");
    }
}
