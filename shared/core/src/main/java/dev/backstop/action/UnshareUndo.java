package dev.backstop.action;

import java.util.List;

/**
 * The permissions an {@link UnshareAction} removed from a resource, which undo adds back with the
 * share call that removed them ({@code api}: ModifySnapshotAttribute, ModifyDBSnapshotAttribute,
 * ...), also what the stored {@code call} names. Came with version 2.
 */
public record UnshareUndo(String api, String id, List<String> permissions) implements UndoData {

    public static final UndoFormat<UnshareUndo> FORMAT = UndoFormat.of(UnshareUndo.class);

    public UnshareUndo {
        UndoData.require(api, "api");
        UndoData.require(id, "id");
        if (permissions == null || permissions.isEmpty()) {
            throw new IllegalArgumentException("the undo data names no permissions");
        }
        permissions.forEach(permission -> UndoData.require(permission, "permission"));
        permissions = List.copyOf(permissions);
    }

    @Override
    public String call() {
        return api;
    }
}
