package dev.backstop.action.iam;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** The access key deactivated, which undo activates again. Version 1 also held its status, always "Active". */
record DeactivateAccessKeyUndo(String userName, String accessKeyId) implements UndoData {

    static final UndoFormat<DeactivateAccessKeyUndo> FORMAT = UndoFormat.of(DeactivateAccessKeyUndo.class,
            version1 -> new DeactivateAccessKeyUndo(version1.get("userName"), version1.get("accessKeyId")));

    DeactivateAccessKeyUndo {
        UndoData.require(userName, "userName");
        UndoData.require(accessKeyId, "accessKeyId");
    }

    @Override
    public String call() {
        return "UpdateAccessKey to Active";
    }
}
