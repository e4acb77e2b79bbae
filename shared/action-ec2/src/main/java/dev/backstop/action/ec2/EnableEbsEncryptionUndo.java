package dev.backstop.action.ec2;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** What turns EBS encryption by default off again: the region it was turned on in. */
record EnableEbsEncryptionUndo(String region) implements UndoData {

    static final UndoFormat<EnableEbsEncryptionUndo> FORMAT = UndoFormat.of(EnableEbsEncryptionUndo.class);

    EnableEbsEncryptionUndo {
        UndoData.require(region, "region");
    }

    @Override
    public String call() {
        return "DisableEbsEncryptionByDefault";
    }
}
