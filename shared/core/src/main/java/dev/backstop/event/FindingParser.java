package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Reads the findings EventBridge delivers into {@link FindingEvent}s: a "GuardDuty Finding" event
 * (one finding, GuardDuty's own format) or a "Security Hub Findings - Imported" event (one trigger
 * per entry of {@code detail.findings}, each in the AWS Security Finding Format).
 *
 * <pre>{@code
 * for (FindingParser.Entry entry : parser.read(payload)) {
 *     if (entry.finding() != null) { decide(entry.finding()); }
 * }
 * }</pre>
 *
 * <p>A malformed finding becomes an entry with a {@link MalformedEventException} naming the JSON
 * path ({@code detail.findings[1].Resources[0].Id}); the other findings of the event are still read.
 */
@Singleton
public final class FindingParser implements TriggerReader {

    /**
     * One finding of a payload: {@code finding} when it could be read, else {@code error}.
     *
     * @param where empty for a GuardDuty finding, {@code detail.findings[1]} for a Security Hub event's second
     * @param raw the JSON it was read from (the finding, for a Security Hub event), to key a rejection by
     */
    public record Entry(String where, FindingEvent finding, MalformedEventException error, JsonNode raw) {

        public Entry {
            Objects.requireNonNull(where, "where");
            if ((finding == null) == (error == null)) {
                throw new IllegalArgumentException("an entry is either a finding or an error");
            }
        }
    }

    @Inject
    public FindingParser() {
    }

    @Override
    public Class<FindingEvent> reads() {
        return FindingEvent.class;
    }

    @Override
    public List<Delivery> deliveries(byte[] payload) {
        return read(payload).stream()
                .map(entry -> entry.error() == null ? Delivery.of(entry.finding()) : Delivery.rejected(
                        entry.raw() == null ? payload : entry.raw().toString().getBytes(StandardCharsets.UTF_8), entry.error()))
                .toList();
    }

    /** True when the JSON is a finding event of either product, as far as its envelope says. */
    public static boolean isFinding(JsonNode root) {
        String detailType = root == null ? "" : root.path("detail-type").asText("");
        return detailType.equals(FindingSource.GUARDDUTY.detailType()) || detailType.equals(FindingSource.SECURITY_HUB.detailType());
    }

    /** Every finding in the payload, in delivery order. */
    public List<Entry> read(byte[] payload) {
        JsonNode root;
        try {
            root = JsonInput.read(payload);
        } catch (MalformedEventException e) {
            return List.of(rejected("", e, null));
        }
        return read(root);
    }

    /** Every finding in the event, given as the JSON tree it was parsed into. */
    public List<Entry> read(JsonNode root) {
        JsonFields envelope;
        String detailType;
        try {
            envelope = JsonFields.requireObject(root, "");
            detailType = envelope.requiredText("detail-type");
        } catch (MalformedEventException e) {
            return List.of(rejected("", e, root));
        }
        for (FindingSource source : FindingSource.values()) {
            if (source.detailType().equals(detailType)) {
                try {
                    String sent = envelope.requiredText("source");
                    if (!sent.equals(source.eventSource())) {
                        throw new MalformedEventException("source", "expected \"" + source.eventSource() + "\" for a \""
                                + detailType + "\" event, found \"" + sent + "\"");
                    }
                    return source == FindingSource.GUARDDUTY ? List.of(parsed("", GuardDutyFindings.read(root), root))
                            : securityHub(root, envelope);
                } catch (MalformedEventException e) {
                    return List.of(rejected("", e, root));
                }
            }
        }
        return List.of(rejected("", new MalformedEventException("detail-type", "expected \""
                + FindingSource.GUARDDUTY.detailType() + "\" or \"" + FindingSource.SECURITY_HUB.detailType()
                + "\", found \"" + detailType + "\""), root));
    }

    private List<Entry> securityHub(JsonNode root, JsonFields envelope) {
        JsonNode findings = JsonFields.requireObject(root.get("detail"), "detail").tree("findings");
        if (!findings.isArray() || findings.isEmpty()) {
            throw new MalformedEventException("detail.findings", "expected a non-empty list of findings");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            String where = "detail.findings[" + i + "]";
            JsonNode finding = findings.get(i);
            try {
                entries.add(parsed(where, SecurityHubFindings.read(finding, where, envelope.text("region"), alone(root, finding)),
                        finding));
            } catch (MalformedEventException e) {
                entries.add(rejected(where, e, finding));
            }
        }
        return entries;
    }

    /** The event with this finding alone in {@code detail.findings}, as a rule sees it. */
    private static JsonNode alone(JsonNode root, JsonNode finding) {
        ObjectNode copy = root.deepCopy();
        ArrayNode one = ((ObjectNode) copy.get("detail")).putArray("findings");
        one.add(finding.deepCopy());
        return copy;
    }

    private static Entry parsed(String where, FindingEvent finding, JsonNode raw) {
        return new Entry(where, finding, null, raw);
    }

    private static Entry rejected(String where, MalformedEventException error, JsonNode raw) {
        return new Entry(where, null, error, raw);
    }
}
