package dev.backstop.action.resolver;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;

/** What disassociates a query logging configuration from the VPC again: the two ids. */
record AssociateQueryLoggingUndo(String configId, String resourceId) implements UndoData {

    static final UndoFormat<AssociateQueryLoggingUndo> FORMAT = UndoFormat.of(AssociateQueryLoggingUndo.class);

    AssociateQueryLoggingUndo {
        UndoData.require(configId, "query logging configuration (configId)");
        UndoData.require(resourceId, "VPC (resourceId)");
    }

    @Override
    public String call() {
        return "DisassociateResolverQueryLogConfig";
    }
}
