package dev.backstop.action.iam;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/**
 * The role's trust policy from before, which undo puts back; the policy the change writes; and
 * the account whose role it is, which judges who is outside. Came with version 2.
 */
record RestoreTrustPolicyUndo(String roleName, String account, String previousDocument, String restoredDocument)
        implements UndoData {

    static final UndoFormat<RestoreTrustPolicyUndo> FORMAT = UndoFormat.of(RestoreTrustPolicyUndo.class);

    RestoreTrustPolicyUndo {
        UndoData.require(roleName, "roleName");
        UndoData.require(account, "account");
        UndoData.require(previousDocument, "previousDocument");
        UndoData.require(restoredDocument, "restoredDocument");
    }

    @Override
    public String call() {
        return "UpdateAssumeRolePolicy";
    }
}
