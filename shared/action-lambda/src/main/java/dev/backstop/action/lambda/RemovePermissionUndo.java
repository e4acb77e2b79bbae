package dev.backstop.action.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/**
 * The statement removed from a function's resource policy, as Lambda returned it, which undo adds
 * back with the same id; the qualifier (null for the unqualified function) and the account whose
 * function it is (outside is judged against it). Came with version 2.
 */
record RemovePermissionUndo(String functionName, String qualifier, String statementId, String account,
        JsonNode statement) implements UndoData {

    static final UndoFormat<RemovePermissionUndo> FORMAT = UndoFormat.of(RemovePermissionUndo.class);

    RemovePermissionUndo {
        UndoData.require(functionName, "functionName");
        UndoData.require(statementId, "statementId");
        UndoData.require(account, "account");
        if (statement == null || !statement.isObject()) {
            throw new IllegalArgumentException("the undo data holds no statement to add back");
        }
        statement = statement.deepCopy();
    }

    @Override
    public String call() {
        return "AddPermission";
    }
}
