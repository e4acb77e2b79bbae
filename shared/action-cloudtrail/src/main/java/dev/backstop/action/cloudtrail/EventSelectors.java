package dev.backstop.action.cloudtrail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.DataResource;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;

/**
 * A trail's event selectors as Backstop keeps them: basic or advanced (a trail has one kind at a
 * time), as plain values that survive a round trip through the audit table as JSON.
 *
 * <p>A trail with neither logs all management events, read and write: that is what AWS gives a
 * trail created without selectors (moto returns no selector for it).
 */
public record EventSelectors(List<Basic> basic, List<Advanced> advanced) {

    public EventSelectors {
        basic = List.copyOf(basic);
        advanced = List.copyOf(advanced);
    }

    public record Basic(String readWriteType, boolean includeManagementEvents, List<Data> dataResources,
            List<String> excludeManagementEventSources) {

        public Basic {
            readWriteType = readWriteType == null ? "All" : readWriteType;
            dataResources = List.copyOf(dataResources);
            excludeManagementEventSources = List.copyOf(excludeManagementEventSources);
        }
    }

    public record Data(String type, List<String> values) {

        public Data {
            values = List.copyOf(values);
        }
    }

    public record Advanced(String name, List<Field> fieldSelectors) {

        public Advanced {
            fieldSelectors = List.copyOf(fieldSelectors);
        }
    }

    public record Field(String field, List<String> equalsTo, List<String> startsWith, List<String> endsWith,
            List<String> notEquals, List<String> notStartsWith, List<String> notEndsWith) {

        public Field {
            equalsTo = List.copyOf(equalsTo);
            startsWith = List.copyOf(startsWith);
            endsWith = List.copyOf(endsWith);
            notEquals = List.copyOf(notEquals);
            notStartsWith = List.copyOf(notStartsWith);
            notEndsWith = List.copyOf(notEndsWith);
        }
    }

    /**
     * What GetEventSelectors returned. Basic selectors win when both kinds come back: AWS never
     * returns both, and moto keeps a trail's advanced selectors after basic ones replace them.
     */
    static EventSelectors of(GetEventSelectorsResponse response) {
        if (response.hasEventSelectors() && !response.eventSelectors().isEmpty()) {
            return new EventSelectors(response.eventSelectors().stream().map(EventSelectors::basic).toList(), List.of());
        }
        List<Advanced> advanced = response.hasAdvancedEventSelectors()
                ? response.advancedEventSelectors().stream().map(EventSelectors::advanced).toList()
                : List.of();
        return new EventSelectors(List.of(), advanced);
    }

    /** The selector AWS gives a trail created without any: all management events, no data events. */
    static final EventSelectors DEFAULT = new EventSelectors(List.of(new Basic("All", true, List.of(), List.of())),
            List.of());

    boolean isDefault() {
        return basic.isEmpty() && advanced.isEmpty();
    }

    /** These selectors, with none written as the default they stand for, so equal selectors compare equal. */
    EventSelectors normalized() {
        return isDefault() ? DEFAULT : this;
    }

    /** Which management events these selectors log. */
    ManagementCoverage management() {
        if (isDefault()) {
            return ManagementCoverage.ALL;
        }
        boolean read = false;
        boolean write = false;
        Set<String> excluded = null;
        for (Basic selector : basic) {
            if (selector.includeManagementEvents()) {
                read |= !"WriteOnly".equals(selector.readWriteType());
                write |= !"ReadOnly".equals(selector.readWriteType());
                excluded = intersect(excluded, selector.excludeManagementEventSources());
            }
        }
        for (Advanced selector : advanced) {
            List<Field> fields = selector.fieldSelectors();
            if (fields.stream().noneMatch(f -> f.field().equals("eventCategory") && f.equalsTo().contains("Management"))) {
                continue;
            }
            List<String> readOnly = fields.stream().filter(f -> f.field().equals("readOnly"))
                    .flatMap(f -> f.equalsTo().stream()).toList();
            read |= readOnly.isEmpty() || readOnly.contains("true");
            write |= readOnly.isEmpty() || readOnly.contains("false");
            excluded = intersect(excluded, fields.stream().filter(f -> f.field().equals("eventSource"))
                    .flatMap(f -> f.notEquals().stream()).toList());
        }
        return new ManagementCoverage(read, write, excluded == null ? Set.of() : excluded);
    }

    /** A source left out by every selector that logs management events is left out of the trail. */
    private static Set<String> intersect(Set<String> sofar, List<String> more) {
        if (sofar == null) {
            return new TreeSet<>(more);
        }
        sofar.retainAll(more);
        return sofar;
    }

    // Empty lists are left out of the requests, as the selectors were first written: AWS refuses
    // an empty condition list in an advanced field selector.

    List<EventSelector> basicForSdk() {
        return basic.stream().map(selector -> {
            EventSelector.Builder sdk = EventSelector.builder()
                    .readWriteType(selector.readWriteType())
                    .includeManagementEvents(selector.includeManagementEvents());
            if (!selector.dataResources().isEmpty()) {
                sdk.dataResources(selector.dataResources().stream()
                        .map(data -> DataResource.builder().type(data.type()).values(data.values()).build()).toList());
            }
            if (!selector.excludeManagementEventSources().isEmpty()) {
                sdk.excludeManagementEventSources(selector.excludeManagementEventSources());
            }
            return sdk.build();
        }).toList();
    }

    List<AdvancedEventSelector> advancedForSdk() {
        return advanced.stream().map(selector -> AdvancedEventSelector.builder()
                .name(selector.name())
                .fieldSelectors(selector.fieldSelectors().stream().map(EventSelectors::fieldForSdk).toList())
                .build()).toList();
    }

    private static AdvancedFieldSelector fieldForSdk(Field field) {
        AdvancedFieldSelector.Builder sdk = AdvancedFieldSelector.builder().field(field.field());
        ifAny(field.equalsTo(), sdk::equalsValue);
        ifAny(field.startsWith(), sdk::startsWith);
        ifAny(field.endsWith(), sdk::endsWith);
        ifAny(field.notEquals(), sdk::notEquals);
        ifAny(field.notStartsWith(), sdk::notStartsWith);
        ifAny(field.notEndsWith(), sdk::notEndsWith);
        return sdk.build();
    }

    private static void ifAny(List<String> values, Consumer<List<String>> set) {
        if (!values.isEmpty()) {
            set.accept(values);
        }
    }

    private static Basic basic(EventSelector selector) {
        List<Data> data = new ArrayList<>();
        for (DataResource resource : selector.dataResources()) {
            data.add(new Data(resource.type(), resource.values()));
        }
        return new Basic(selector.readWriteTypeAsString(), !Boolean.FALSE.equals(selector.includeManagementEvents()),
                data, selector.excludeManagementEventSources());
    }

    private static Advanced advanced(AdvancedEventSelector selector) {
        return new Advanced(selector.name(), selector.fieldSelectors().stream().map(field -> new Field(field.field(),
                field.equalsValue(), field.startsWith(), field.endsWith(), field.notEquals(), field.notStartsWith(),
                field.notEndsWith())).toList());
    }
}
