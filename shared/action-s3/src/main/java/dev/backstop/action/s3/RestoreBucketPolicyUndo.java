package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/**
 * The policy the fix puts on the bucket, which undo deletes again only while it is still that
 * policy. Version 1 held the policy as JSON text.
 */
record RestoreBucketPolicyUndo(String bucket, JsonNode policy) implements UndoData {

    static final UndoFormat<RestoreBucketPolicyUndo> FORMAT = UndoFormat.of(RestoreBucketPolicyUndo.class,
            version1 -> new RestoreBucketPolicyUndo(version1.get("bucket"),
                    version1.get("policy") == null ? null : BucketPolicy.parse(version1.get("policy")).document()));

    RestoreBucketPolicyUndo {
        UndoData.require(bucket, "bucket");
        if (policy == null || !policy.isObject()) {
            throw new IllegalArgumentException("the undo data holds no policy");
        }
        policy = policy.deepCopy();
    }

    @Override
    public String call() {
        return "DeleteBucketPolicy";
    }

    /** The policy as the text PutBucketPolicy sends and the read-back compares. */
    String policyJson() {
        return policy.toString();
    }
}
