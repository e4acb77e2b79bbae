package dev.backstop.action.ec2;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.List;

/** The deleted flow logs Backstop recreated, whose recreations (found by their tag) undo deletes. */
record RecreateFlowLogUndo(List<String> recreatedFrom) implements UndoData {

    static final UndoFormat<RecreateFlowLogUndo> FORMAT = UndoFormat.of(RecreateFlowLogUndo.class);

    RecreateFlowLogUndo {
        if (recreatedFrom == null || recreatedFrom.isEmpty() || recreatedFrom.stream().anyMatch(id -> id == null
                || id.isBlank())) {
            throw new IllegalArgumentException("the undo data names no flow log recreated (recreatedFrom)");
        }
        recreatedFrom = List.copyOf(recreatedFrom);
    }

    @Override
    public String call() {
        return "DeleteFlowLogs";
    }
}
