package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.UndoData;
import java.util.List;

/**
 * What {@link StatementRemoval} keeps to undo a removal: the statements taken out of the bucket's
 * policy and where each stood. Each removal action has its own record, so each keeps its own shape.
 */
interface RemovedStatements extends UndoData {

    String bucket();

    String bucketArn();

    List<JsonNode> statements();

    List<Integer> positions();

    /** The account whose bucket it is, where the judgement of the statements needs it; null where it does not. */
    default String bucketAccount() {
        return null;
    }

    @Override
    default String call() {
        return "PutBucketPolicy";
    }

    /** Makes an action's own record of a removal. */
    @FunctionalInterface
    interface Maker {
        RemovedStatements make(String bucket, String bucketArn, String bucketAccount, List<JsonNode> statements,
                List<Integer> positions);
    }

    /** The checks every such record makes, named as the undo data names them. */
    static List<JsonNode> validate(String bucket, String bucketArn, List<JsonNode> statements) {
        UndoData.require(bucket, "bucket");
        UndoData.require(bucketArn, "bucketArn");
        if (statements == null || statements.isEmpty()) {
            throw new IllegalArgumentException("the undo data holds no statements");
        }
        return statements.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }
}
