package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.List;

/**
 * The statements removed from the bucket's policy and where each stood, which undo puts back at
 * their places. Version 1 held both lists as JSON text.
 */
record RemovePublicPolicyStatementsUndo(String bucket, String bucketArn, List<JsonNode> statements,
        List<Integer> positions) implements UndoData {

    static final UndoFormat<RemovePublicPolicyStatementsUndo> FORMAT = UndoFormat.of(
            RemovePublicPolicyStatementsUndo.class,
            version1 -> new RemovePublicPolicyStatementsUndo(version1.get("bucket"), version1.get("bucketArn"),
                    version1.get("statements") == null ? null : BucketPolicy.statementsFromJson(version1.get("statements")),
                    BucketPolicy.positionsFromJson(version1.get("positions"))));

    RemovePublicPolicyStatementsUndo {
        UndoData.require(bucket, "bucket");
        UndoData.require(bucketArn, "bucketArn");
        if (statements == null || statements.isEmpty()) {
            throw new IllegalArgumentException("the undo data holds no statements");
        }
        statements = statements.stream().<JsonNode>map(JsonNode::deepCopy).toList();
        positions = positions == null ? List.of() : List.copyOf(positions);
    }

    @Override
    public String call() {
        return "PutBucketPolicy";
    }
}
