package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/**
 * The lifecycle rules the call set ({@code before} the restore) and those Backstop put
 * ({@code restored}), as {@link LifecycleRules} writes them, and the rule's minimum the read-back
 * judges by: undo puts the first back only while the bucket keeps the second.
 */
record RestoreLifecycleUndo(String bucket, JsonNode before, JsonNode restored, long minimumDays) implements UndoData {

    static final UndoFormat<RestoreLifecycleUndo> FORMAT = UndoFormat.of(RestoreLifecycleUndo.class);

    RestoreLifecycleUndo {
        UndoData.require(bucket, "bucket");
        before = rules(before, "before");
        restored = rules(restored, "restored");
        if (minimumDays < 1) {
            throw new IllegalArgumentException("the undo data's minimumDays is " + minimumDays + ", not a number of days");
        }
    }

    private static JsonNode rules(JsonNode rules, String field) {
        if (rules == null || !rules.isArray()) {
            throw new IllegalArgumentException("the undo data's " + field + " is no list of lifecycle rules");
        }
        return rules.deepCopy();
    }

    LifecycleRules beforeRules() {
        return LifecycleRules.parse(before, "the undo data's configuration before");
    }

    LifecycleRules restoredRules() {
        return LifecycleRules.parse(restored, "the undo data's restored configuration");
    }

    @Override
    public String call() {
        return "PutBucketLifecycleConfiguration";
    }
}
