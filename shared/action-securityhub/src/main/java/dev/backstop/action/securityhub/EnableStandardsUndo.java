package dev.backstop.action.securityhub;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.List;

/**
 * What disables the standards again: the subscriptions to disable, and the standards whose status
 * undo reads back.
 */
record EnableStandardsUndo(List<String> subscriptionArns, List<String> standardsArns) implements UndoData {

    static final UndoFormat<EnableStandardsUndo> FORMAT = UndoFormat.of(EnableStandardsUndo.class);

    EnableStandardsUndo {
        subscriptionArns = required(subscriptionArns, "subscriptionArns");
        standardsArns = required(standardsArns, "standardsArns");
    }

    private static List<String> required(List<String> arns, String what) {
        if (arns == null || arns.isEmpty() || arns.stream().anyMatch(arn -> arn == null || arn.isBlank())) {
            throw new IllegalArgumentException("the undo data names no " + what);
        }
        return List.copyOf(arns);
    }

    @Override
    public String call() {
        return "BatchDisableStandards";
    }
}
