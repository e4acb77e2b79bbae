package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.text.Shown;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
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
 *
 * <p>As for a CloudTrail event ({@link Provenance}), a finding must say the same thing everywhere
 * about where it comes from: the {@code source} is the product's ({@code aws.guardduty} for a
 * "GuardDuty Finding", {@code aws.securityhub} for Security Hub's), the envelope names the account
 * it was delivered from (kept as {@link FindingEvent#deliveredBy}: the engine rejects a finding
 * re-wrapped by an account it does not serve), and neither the envelope's {@code time} nor the
 * finding's update time is later than now plus clock skew. Rules are matched against the canonical
 * envelope (its own keys, the account as read, no dotted key where AWS chooses the keys), with
 * {@code detail.findings} cut to the one finding for Security Hub.
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

    private final Clock clock;

    @Inject
    public FindingParser(Clock clock) {
        this.clock = clock;
    }

    /** For tools and tests: deliveries are judged against the system clock. */
    public FindingParser() {
        this(Clock.systemUTC());
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
            DottedKeys.refuse(root, "", false);
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
                                + detailType + "\" event, found " + Shown.quoted(sent) + ": only " + source.product()
                                + " delivers its findings, under its own name");
                    }
                    String account = envelope.requiredAccountId("account");
                    Instant now = clock.instant();
                    Provenance.requireNotAfter("time", envelope.requiredTime("time"), now);
                    JsonFields.requireObject(root.get("detail"), "detail");
                    DottedKeys.refuse(root.get("detail"), "detail", false);
                    if (source == FindingSource.SECURITY_HUB) {
                        return securityHub(root, envelope, account, now);
                    }
                    FindingEvent finding = GuardDutyFindings.read(root, account,
                            Envelopes.canonical(root, account, root.get("detail")));
                    Provenance.requireNotAfter("detail.updatedAt", finding.updatedAt(), now);
                    return List.of(parsed("", finding, root));
                } catch (MalformedEventException e) {
                    return List.of(rejected("", e, root));
                }
            }
        }
        return List.of(rejected("", new MalformedEventException("detail-type", "expected \""
                + FindingSource.GUARDDUTY.detailType() + "\" or \"" + FindingSource.SECURITY_HUB.detailType()
                + "\", found " + Shown.quoted(detailType)), root));
    }

    private List<Entry> securityHub(JsonNode root, JsonFields envelope, String account, Instant now) {
        JsonNode findings = JsonFields.requireObject(root.get("detail"), "detail").tree("findings");
        if (!findings.isArray() || findings.isEmpty()) {
            throw new MalformedEventException("detail.findings", "expected a non-empty list of findings");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            String where = "detail.findings[" + i + "]";
            JsonNode finding = findings.get(i);
            try {
                DottedKeys.refuse(finding, where, false);
                FindingEvent read = SecurityHubFindings.read(finding, where, envelope.text("region"), account,
                        alone(root, account, finding));
                Provenance.requireNotAfter(where + ".UpdatedAt", read.updatedAt(), now);
                entries.add(parsed(where, read, finding));
            } catch (MalformedEventException e) {
                entries.add(rejected(where, e, finding));
            }
        }
        return entries;
    }

    /** The canonical envelope with this finding alone in {@code detail.findings}, as a rule sees it; the rest is shared, not copied. */
    private static JsonNode alone(JsonNode root, String account, JsonNode finding) {
        ObjectNode detail = Envelopes.shallowCopy(root.get("detail"));
        ArrayNode one = detail.putArray("findings");
        one.add(finding);
        return Envelopes.canonical(root, account, detail);
    }

    private static Entry parsed(String where, FindingEvent finding, JsonNode raw) {
        return new Entry(where, finding, null, raw);
    }

    private static Entry rejected(String where, MalformedEventException error, JsonNode raw) {
        return new Entry(where, null, error, raw);
    }
}
