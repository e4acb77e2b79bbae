package dev.backstop.action.s3;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the change turns on, which the read-back checks, and the target's configuration before it,
 * which undo puts back ({@code previous}; null when it had none, so undo deletes it again). The
 * target is a bucket ({@code bucket} and {@code bucketArn}) or the account ({@code accountId}).
 * Version 1 held the four settings flat as strings, and what it turned on as one comma-separated
 * string.
 */
record BlockPublicAccessUndo(String bucket, String bucketArn, String accountId, BlockSettings previous,
        List<String> turnOn) implements UndoData {

    static final UndoFormat<BlockPublicAccessUndo> FORMAT = UndoFormat.of(BlockPublicAccessUndo.class,
            BlockPublicAccessUndo::fromVersion1);

    BlockPublicAccessUndo {
        if ((accountId == null) == (bucket == null)) {
            throw new IllegalArgumentException("the undo data names neither a bucket nor an account, or both");
        }
        if (bucket != null) {
            UndoData.require(bucketArn, "bucketArn");
        }
        turnOn = turnOn == null ? List.of() : List.copyOf(turnOn);
    }

    @Override
    public String call() {
        return previous == null ? "DeletePublicAccessBlock" : "PutPublicAccessBlock";
    }

    BlockTarget target(Buckets buckets, dagger.Lazy<software.amazon.awssdk.services.s3control.S3ControlClient> s3Control) {
        return accountId != null ? new BlockTarget.Account(s3Control, accountId)
                : new BlockTarget.Bucket(buckets, bucket, bucketArn);
    }

    private static BlockPublicAccessUndo fromVersion1(Map<String, String> version1) {
        String turnOn = version1.getOrDefault("turnOn", "");
        BlockSettings previous = "DeletePublicAccessBlock".equals(version1.get("call")) ? null : BlockSettings.of(version1);
        return new BlockPublicAccessUndo(version1.get("bucket"), version1.get("bucketArn"), version1.get("accountId"),
                previous, turnOn.isEmpty() ? List.of() : Arrays.asList(turnOn.split(",")));
    }
}
