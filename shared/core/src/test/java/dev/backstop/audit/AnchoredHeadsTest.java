package dev.backstop.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnchoredHeadsTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theAnchorOfATableWithNoChainYetReadsBack() {
        AnchoredHeads none = new AnchoredHeads(AT, "backstop-AuditTable-X", List.of());

        AnchoredHeads read = AnchoredHeads.parse(none.toJson(json), json, "s3://anchors/chain-heads.json");

        assertThat(read.heads()).isEmpty();
        assertThat(read.sameHeads(none)).isTrue();
    }

    @Test
    void anAnchorReadsBackEveryHead() {
        AnchoredHeads anchored = new AnchoredHeads(AT, "backstop-AuditTable-X", List.of(
                new AnchoredHeads.Head("111122223333/us-east-1", 42, "ab12", "decision#1"),
                new AnchoredHeads.Head("111122223333/eu-west-1", 7, "cd34", "decision#2")));

        AnchoredHeads read = AnchoredHeads.parse(anchored.toJson(json), json, "s3://anchors/chain-heads.json");

        assertThat(read).isEqualTo(anchored);
    }

    @Test
    void anAnchorWithoutItsListOfHeadsIsRefusedNamingWhereAndWhat() {
        byte[] noList = "{\"anchoredAt\":\"2026-12-07T10:00:00Z\",\"table\":\"t\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> AnchoredHeads.parse(noList, json, "s3://anchors/chain-heads.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("s3://anchors/chain-heads.json: heads: expected a list");
    }
}
