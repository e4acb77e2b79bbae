package dev.backstop.action;

import java.util.List;

/**
 * What reverses one change an action applied, and all the action needs to apply and verify it: a
 * record per action ({@code StartLoggingUndo(String name)}, ...), planned with the change and
 * kept in its audit record, through {@link UndoFormat}, for an operator's undo.
 *
 * <pre>{@code
 * record StartLoggingUndo(String name) implements UndoData {
 *     public String call() { return "StopLogging"; }
 * }
 * }</pre>
 */
public interface UndoData {

    /** The API call that reverses the change, in words, for a person reading the audit record. */
    String call();

    /**
     * The API calls undoing makes with this data, one a line ({@code Operation key=value ...}), for
     * an operator to read before confirming. By default the {@link #call} with the record's
     * components as the audit record keeps them; a record whose call takes other parameters than
     * its components overrides it.
     */
    default List<String> calls() {
        return List.of(UndoFormat.describe(this));
    }

    /** A text the undo data must name, for a record's compact constructor: its absence is named. */
    static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the undo data names no " + what);
        }
        return value;
    }
}
