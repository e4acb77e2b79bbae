package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/**
 * The bucket's whole replication configuration from before (as S3's model writes it), which undo
 * puts back, and the account whose bucket it is (outside is judged against it). Came with
 * version 2.
 */
record RemoveOutsideReplicationUndo(String bucket, String account, JsonNode configuration) implements UndoData {

    static final UndoFormat<RemoveOutsideReplicationUndo> FORMAT = UndoFormat.of(RemoveOutsideReplicationUndo.class);

    RemoveOutsideReplicationUndo {
        UndoData.require(bucket, "bucket");
        UndoData.require(account, "account");
        if (configuration == null || !configuration.isObject()) {
            throw new IllegalArgumentException("the undo data holds no replication configuration");
        }
        Replication.fromJson(configuration);
        configuration = configuration.deepCopy();
    }

    @Override
    public String call() {
        return "PutBucketReplication";
    }
}
