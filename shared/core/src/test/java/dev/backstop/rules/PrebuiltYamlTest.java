package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrebuiltYamlTest {

    private final String pack = DefaultPack.text().content();

    @Test
    void theShippedFormReadsAsTheDefaultPacksYamlDoes() throws Exception {
        Optional<LocatedYaml> prebuilt = PrebuiltYaml.of(pack);
        LocatedYaml yaml = LocatedYaml.read(pack);

        assertThat(prebuilt).as("the build writes the form beside default.yaml").isPresent();
        assertThat(prebuilt.get().root()).isEqualTo(yaml.root());
        assertThat(prebuilt.get().lines()).isEqualTo(yaml.lines());
        assertThat(prebuilt.get().problems()).isEmpty();
    }

    @Test
    void anyOtherTextIsReadAsYaml() {
        String edited = pack.replaceFirst("cloudtrail-logging-stopped", "cloudtrail-logging-stoppeD");

        assertThat(edited).hasSameSizeAs(pack).isNotEqualTo(pack);
        assertThat(PrebuiltYaml.of(edited)).isEmpty();
        assertThat(PrebuiltYaml.of("version: 1\nrules: []\n")).isEmpty();
    }

    @Test
    void aLineReadFromTheFormIsTheLineInTheYaml() {
        LocatedYaml prebuilt = PrebuiltYaml.of(pack).orElseThrow();
        int line = prebuilt.lineOf("/rules/0/id");

        assertThat(pack.lines().skip(line - 1).findFirst().orElseThrow())
                .contains("id: " + prebuilt.root().path("rules").path(0).path("id").asText());
    }

    @Test
    void aFileWithValuesReadAsSomethingElseGetsNoForm() {
        assertThatThrownBy(() -> PrebuiltYaml.form("version: 1\nrules:\n  - id: a\n    port: 0443\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0443");
    }

    @Test
    void theDefaultPackLoadsTheSameThroughTheFormAsThroughYaml() throws Exception {
        LocatedYaml fromForm = PrebuiltYaml.reading(PrebuiltYaml.form(pack));
        LocatedYaml yaml = LocatedYaml.read(pack);

        assertThat(fromForm.root()).isEqualTo(yaml.root());
        assertThat(fromForm.lines()).isEqualTo(yaml.lines());
    }

    @Test
    void theBuildCheckedEveryPatternOfTheShippedPackSoAColdStartDoesNotCheckThemAgain() {
        LocatedYaml prebuilt = PrebuiltYaml.of(pack).orElseThrow();

        assertThat(prebuilt.root().path("rules")).allSatisfy(rule ->
                assertThat(prebuilt.checkedPatterns()).contains(rule.path("match").toString()));
    }

    @Test
    void aPackWithAPatternProblemFailsTheBuildNamingTheRule() {
        assertThatThrownBy(() -> PrebuiltYaml.form("version: 1\nrules:\n  - id: acts-on-everything\n    match: {}\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acts-on-everything")
                .hasMessageContaining("an empty pattern matches every event");
    }

    @Test
    void aFileReadAtRunTimeHasEveryPatternChecked() throws Exception {
        assertThat(LocatedYaml.read(pack).checkedPatterns()).isEmpty();
    }
}
