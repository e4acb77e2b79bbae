package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.UndoFormat;
import java.util.List;

/**
 * The statements removed from the bucket's policy and where each stood, which undo puts back at
 * their places. Version 1 held both lists as JSON text.
 */
record RemovePublicPolicyStatementsUndo(String bucket, String bucketArn, List<JsonNode> statements,
        List<Integer> positions) implements RemovedStatements {

    static final UndoFormat<RemovePublicPolicyStatementsUndo> FORMAT = UndoFormat.of(
            RemovePublicPolicyStatementsUndo.class,
            version1 -> new RemovePublicPolicyStatementsUndo(version1.get("bucket"), version1.get("bucketArn"),
                    version1.get("statements") == null ? null : BucketPolicy.statementsFromJson(version1.get("statements")),
                    BucketPolicy.positionsFromJson(version1.get("positions"))));

    RemovePublicPolicyStatementsUndo {
        statements = RemovedStatements.validate(bucket, bucketArn, statements);
        positions = positions == null ? List.of() : List.copyOf(positions);
    }
}
