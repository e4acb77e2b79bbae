package dev.backstop.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UndoFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An action's undo record with the kinds of components records hold. */
    record PolicyUndo(String bucket, List<String> statements, Map<String, Integer> positions, Instant before, String note)
            implements UndoData {

        static final UndoFormat<PolicyUndo> FORMAT = UndoFormat.of(PolicyUndo.class, version1 -> new PolicyUndo(
                version1.get("bucket"), List.of(version1.get("statement")), Map.of(), Instant.parse(version1.get("before")),
                null));

        PolicyUndo {
            UndoData.require(bucket, "bucket");
        }

        @Override
        public String call() {
            return "PutBucketPolicy";
        }
    }

    private static final PolicyUndo UNDO = new PolicyUndo("acme-reports", List.of("{\"Sid\":\"a\"}"), Map.of("a", 2),
            Instant.parse("2026-11-20T10:25:12Z"), null);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void writesTheCurrentVersionAndTheCallFirstThenTheComponentsLeavingOutWhatIsAbsent() {
        assertThat(UndoFormat.write(UNDO).toString()).isEqualTo("{\"undoVersion\":2,\"call\":\"PutBucketPolicy\","
                + "\"bucket\":\"acme-reports\",\"statements\":[\"{\\\"Sid\\\":\\\"a\\\"}\"],\"positions\":{\"a\":2},"
                + "\"before\":\"2026-11-20T10:25:12Z\"}");
    }

    @Test
    void theCallsAnOperatorReadsAreTheCallWithTheComponentsAsStoredTextsUnquoted() {
        assertThat(UNDO.calls()).containsExactly("PutBucketPolicy bucket=acme-reports statements=[\"{\\\"Sid\\\":\\\"a\\\"}\"]"
                + " positions={\"a\":2} before=2026-11-20T10:25:12Z");
    }

    @Test
    void readsWhatItWroteBack() {
        assertThat(PolicyUndo.FORMAT.read(UndoFormat.write(UNDO))).isEqualTo(UNDO);
    }

    @Test
    void readsUndoDataWithoutAVersionAsVersionOneThroughTheActionsOwnReader() throws Exception {
        // Some actions' version 1 data has a field "version" of its own (a Lambda alias's): still version 1.
        JsonNode version1 = json("{\"call\":\"PutBucketPolicy\",\"version\":\"7\",\"bucket\":\"acme-reports\","
                + "\"statement\":\"{\\\"Sid\\\":\\\"a\\\"}\",\"before\":\"2026-11-20T10:25:12Z\"}");

        assertThat(PolicyUndo.FORMAT.read(version1)).isEqualTo(new PolicyUndo("acme-reports", List.of("{\"Sid\":\"a\"}"),
                Map.of(), Instant.parse("2026-11-20T10:25:12Z"), null));
    }

    @Test
    void anActionThatCameAfterVersionOneRefusesUndoDataWithoutAVersionButReadsVersionTwo() throws Exception {
        UndoFormat<PolicyUndo> since2 = UndoFormat.of(PolicyUndo.class);

        assertThatThrownBy(() -> since2.read(json("{\"call\":\"PutBucketPolicy\",\"bucket\":\"acme-reports\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the undo data has no version and so is of version 1, which no PolicyUndo was ever stored in");
        assertThat(since2.read(UndoFormat.write(UNDO))).isEqualTo(UNDO);
    }

    @Test
    void refusesAVersionItDoesNotKnowRatherThanReadItWrong() throws Exception {
        assertThatThrownBy(() -> PolicyUndo.FORMAT.read(json("{\"undoVersion\":3,\"call\":\"X\",\"bucket\":\"b\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the undo data is of version 3, which this Backstop does not read (it reads versions 1 to 2):"
                        + " undo it with the Backstop that wrote it");
    }

    @Test
    void namesWhatIsWrongWithUndoDataItCannotRead() throws Exception {
        assertThatThrownBy(() -> PolicyUndo.FORMAT.read(json("{}"))).hasMessage("the audit record holds no undo data"
                + " for a PolicyUndo");
        assertThatThrownBy(() -> PolicyUndo.FORMAT.read(json("{\"bucket\":[1]}"))).hasMessage("the undo data has no"
                + " version and so is of version 1, which holds strings only, but its bucket is [1]");
        assertThatThrownBy(() -> PolicyUndo.FORMAT.read(json("{\"undoVersion\":2,\"call\":\"X\",\"bucket\":\" \"}")))
                .hasMessageContaining("the undo data names no bucket");
        assertThatThrownBy(() -> PolicyUndo.FORMAT.read(json("{\"undoVersion\":2,\"call\":\"X\",\"bucket\":\"b\","
                + "\"unknown\":1}"))).hasMessageStartingWith("the undo data is not a PolicyUndo: Unrecognized field");
    }

    @Test
    void aPlanGivesItsUndoDataAsTheActionsOwnRecordOrSaysWhatItHolds() {
        ActionPlan plan = new ActionPlan("s3.x", "arn:aws:s3:::acme-reports", "acme-reports",
                new ResourceState(true, false, Map.of()), "put it back", UNDO);

        assertThat(plan.undo(PolicyUndo.class)).isSameAs(UNDO);
        assertThatThrownBy(() -> new ActionPlan("s3.x", "r", "a", ResourceState.gone(), "none").undo(PolicyUndo.class))
                .isInstanceOf(IllegalStateException.class).hasMessage("the plan for r holds no PolicyUndo (it holds none)");
    }
}
