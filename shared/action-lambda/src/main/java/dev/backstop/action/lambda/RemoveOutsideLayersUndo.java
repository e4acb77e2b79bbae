package dev.backstop.action.lambda;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.List;

/**
 * The function's layer list from before, in its order, which undo sets again, and the account
 * whose function it is (outside is judged against it). Came with version 2.
 */
record RemoveOutsideLayersUndo(String functionName, String account, List<String> layers) implements UndoData {

    static final UndoFormat<RemoveOutsideLayersUndo> FORMAT = UndoFormat.of(RemoveOutsideLayersUndo.class);

    RemoveOutsideLayersUndo {
        UndoData.require(functionName, "functionName");
        UndoData.require(account, "account");
        if (layers == null) {
            throw new IllegalArgumentException("the undo data names no layers");
        }
        layers.forEach(layer -> UndoData.require(layer, "layer"));
        layers = List.copyOf(layers);
    }

    @Override
    public String call() {
        return "UpdateFunctionConfiguration";
    }
}
