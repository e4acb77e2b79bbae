package dev.backstop.action.config;

import dev.backstop.testing.UndoGolden;
import org.junit.jupiter.api.Test;

/**
 * The undo data the Config action stores, against its golden file (it came after version 1).
 * Neither emulator's Config is reachable from a unit test: DetectionIT plans, stores and undoes
 * it on moto.
 */
class UndoPayloadsTest {

    @Test
    void startRecorderStoresTheRecorderInVersionTwo() {
        UndoGolden.assertStoredAs(StartRecorderAction.NAME, StartRecorderUndo.FORMAT, new StartRecorderUndo("default"));
    }
}
