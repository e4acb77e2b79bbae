package dev.backstop.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void escapesEveryCellSoARecordCannotForgeARowOrDriveTheTerminal() {
        StringWriter out = new StringWriter();

        Columns.print(new PrintWriter(out, true), List.of(
                List.of("EVENT", "OUTCOME"),
                List.of("StopLogging\r\nforged  REMEDIATED", "\u001b[2JNOTIFIED")));

        assertThat(out.toString().lines()).containsExactly(
                "EVENT" + " ".repeat(30) + "OUTCOME",
                "StopLogging\\r\\nforged  REMEDIATED  \\u001B[2JNOTIFIED");
    }
}
