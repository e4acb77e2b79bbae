package dev.backstop.action.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.action.cloudtrail.EventSelectors.Advanced;
import dev.backstop.action.cloudtrail.EventSelectors.Basic;
import dev.backstop.action.cloudtrail.EventSelectors.Field;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;

class EventSelectorsTest {

    private static Basic basic(String readWrite, boolean management, String... excluded) {
        return new Basic(readWrite, management, List.of(), List.of(excluded));
    }

    private static Field equalsTo(String field, String... values) {
        return new Field(field, List.of(values), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static ManagementCoverage coverage(List<Basic> basic, List<Advanced> advanced) {
        return new EventSelectors(basic, advanced).management();
    }

    @Test
    void noSelectorsStandForTheDefaultAllManagementEvents() {
        EventSelectors none = new EventSelectors(List.of(), List.of());

        assertThat(none.management()).isEqualTo(ManagementCoverage.ALL);
        assertThat(none.normalized()).isEqualTo(EventSelectors.DEFAULT);
    }

    @Test
    void basicSelectorsCoverTheReadAndWriteKindsTheyInclude() {
        assertThat(coverage(List.of(basic("ReadOnly", true)), List.of()).describe()).isEqualTo("read only");
        assertThat(coverage(List.of(basic("WriteOnly", true)), List.of()).describe()).isEqualTo("write only");
        assertThat(coverage(List.of(basic("ReadOnly", true), basic("WriteOnly", true)), List.of()))
                .isEqualTo(ManagementCoverage.ALL);
        assertThat(coverage(List.of(basic("All", false)), List.of()).describe()).isEqualTo("none");
    }

    @Test
    void aSourceIsExcludedOnlyWhenEverySelectorWithManagementEventsExcludesIt() {
        ManagementCoverage one = coverage(List.of(basic("All", true, "kms.amazonaws.com")), List.of());
        ManagementCoverage other = coverage(List.of(basic("All", true, "kms.amazonaws.com"), basic("All", true)),
                List.of());

        assertThat(one.excludedSources()).containsExactly("kms.amazonaws.com");
        assertThat(one.narrowerThan(ManagementCoverage.ALL)).isTrue();
        assertThat(other.excludedSources()).isEmpty();
    }

    @Test
    void advancedSelectorsCoverManagementEventsByCategoryReadOnlyAndSource() {
        Advanced dataOnly = new Advanced("data", List.of(equalsTo("eventCategory", "Data")));
        Advanced writes = new Advanced("writes", List.of(equalsTo("eventCategory", "Management"),
                equalsTo("readOnly", "false")));
        Advanced allButKms = new Advanced("mgmt", List.of(equalsTo("eventCategory", "Management"),
                new Field("eventSource", List.of(), List.of(), List.of(), List.of("kms.amazonaws.com"), List.of(),
                        List.of())));

        assertThat(coverage(List.of(), List.of(dataOnly)).describe()).isEqualTo("none");
        assertThat(coverage(List.of(), List.of(dataOnly, writes)).describe()).isEqualTo("write only");
        assertThat(coverage(List.of(), List.of(allButKms))).isEqualTo(new ManagementCoverage(true, true,
                Set.of("kms.amazonaws.com")));
    }

    @Test
    void narrowerMeansAKindDroppedOrASourceNewlyExcluded() {
        ManagementCoverage writeOnly = new ManagementCoverage(false, true, Set.of());

        assertThat(writeOnly.narrowerThan(ManagementCoverage.ALL)).isTrue();
        assertThat(ManagementCoverage.ALL.narrowerThan(writeOnly)).isFalse();
        assertThat(writeOnly.narrowerThan(writeOnly)).isFalse();
    }

    @Test
    void readsBasicSelectorsWhenAResponseHoldsBothKindsAsMotoReturnsThem() {
        GetEventSelectorsResponse both = GetEventSelectorsResponse.builder()
                .eventSelectors(EventSelector.builder().readWriteType("WriteOnly").includeManagementEvents(true).build())
                .advancedEventSelectors(AdvancedEventSelector.builder().name("old").fieldSelectors(
                        AdvancedFieldSelector.builder().field("eventCategory").equalsValue("Data").build()).build())
                .build();

        EventSelectors read = EventSelectors.of(both);

        assertThat(read.advanced()).isEmpty();
        assertThat(read.basic()).containsExactly(basic("WriteOnly", true));
    }

    @Test
    void leavesEmptyListsOutOfTheRequestsItWrites() {
        EventSelectors selectors = new EventSelectors(List.of(), List.of(new Advanced("data",
                List.of(equalsTo("eventCategory", "Data")))));

        AdvancedFieldSelector field = selectors.advancedForSdk().get(0).fieldSelectors().get(0);

        assertThat(field.equalsValue()).containsExactly("Data");
        assertThat(field.hasNotEquals()).isFalse();
        assertThat(EventSelectors.DEFAULT.basicForSdk().get(0).hasExcludeManagementEventSources()).isFalse();
    }
}
