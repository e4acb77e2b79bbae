package dev.backstop.action.events;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** The rule enabled, by the name and bus DisableRule takes, which undo disables again. */
record EnableRuleUndo(String name, String bus) implements UndoData {

    /** Version 1 held the same two strings (and the call under {@code action}, not {@code call}). */
    static final UndoFormat<EnableRuleUndo> FORMAT = UndoFormat.of(EnableRuleUndo.class,
            version1 -> new EnableRuleUndo(version1.get("name"), version1.get("bus")));

    EnableRuleUndo {
        UndoData.require(name, "name");
        UndoData.require(bus, "bus");
    }

    @Override
    public String call() {
        return "DisableRule";
    }
}
