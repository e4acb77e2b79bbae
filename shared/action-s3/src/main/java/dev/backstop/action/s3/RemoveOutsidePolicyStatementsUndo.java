package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.List;

/**
 * The statements granting an outside account that were removed from the bucket's policy, where
 * each stood, and the account whose bucket it is (outside is judged against it). Came with
 * version 2.
 */
record RemoveOutsidePolicyStatementsUndo(String bucket, String bucketArn, String bucketAccount,
        List<JsonNode> statements, List<Integer> positions) implements RemovedStatements {

    static final UndoFormat<RemoveOutsidePolicyStatementsUndo> FORMAT =
            UndoFormat.of(RemoveOutsidePolicyStatementsUndo.class);

    RemoveOutsidePolicyStatementsUndo {
        statements = RemovedStatements.validate(bucket, bucketArn, statements);
        UndoData.require(bucketAccount, "bucketAccount");
        positions = positions == null ? List.of() : List.copyOf(positions);
    }
}
