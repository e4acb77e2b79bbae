package dev.backstop.channels;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.AwsErrors;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.notify.Notice;
import dev.backstop.notify.Notices;
import dev.backstop.rules.ChannelTarget;
import dev.backstop.rules.Directives;
import dev.backstop.rules.RuleSource;
import dev.backstop.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Takes one decision to its owners' channels: one notice per rule and resource, routed by the rule
 * files' {@code notify} section, delivered to each channel of the contact. A failed delivery is a
 * {@code DeliveryFailed} metric (by channel), a log line and a note on the audit record, and never
 * stops the other channels; the fix itself was made and audited before any of this runs. A
 * delivery noted as sent is skipped when the same record comes again (SNS and Lambda may deliver
 * twice), so a chat message or ticket comment is not repeated.
 *
 * <pre>{@code
 * List<Delivery> done = deliveries.deliver(auditLog.find(auditId).orElseThrow());
 * }</pre>
 */
@Singleton
public final class Deliveries {

    private final Map<String, Channel> channels;
    private final RuleSource rules;
    private final AuditLog audit;
    private final Telemetry telemetry;

    @Inject
    public Deliveries(Map<String, Channel> channels, RuleSource rules, AuditLog audit, Telemetry telemetry) {
        this.channels = Map.copyOf(channels);
        this.rules = rules;
        this.audit = audit;
        this.telemetry = telemetry;
    }

    /** Delivers the record's notices to their contacts' channels and notes each result on the record. */
    public List<Delivery> deliver(AuditRecord record) {
        Directives directives = rules.current().directives();
        Set<String> noted = audit.deliveries(record.auditId());
        List<Delivery> done = new ArrayList<>();
        for (Notice notice : Notices.of(record, directives)) {
            // The resource's owner, and the pipelines' owner when a rule reverted declared state and says to tell.
            List<String> contacts = Stream.concat(notice.contact().stream(), notice.pipelineOwner().stream()).distinct().toList();
            for (String contact : contacts) {
                for (ChannelTarget target : directives.routing().channels(contact)) {
                    String key = target.describe() + " for " + notice.rule() + " on " + notice.resource();
                    if (noted.stream().anyMatch(note -> note.startsWith("sent " + key + ":"))) {
                        continue;
                    }
                    Delivery delivery = deliverOne(contact, notice, target, key);
                    done.add(delivery);
                    note(record.auditId(), delivery);
                }
            }
        }
        return done;
    }

    private Delivery deliverOne(String contact, Notice notice, ChannelTarget target, String key) {
        try {
            String detail = channels.get(target.kind()).deliver(notice, target);
            telemetry.log("INFO", "notice delivered", fields(notice, target).put("contact", contact).put("result", detail));
            return new Delivery(contact, key, "sent", detail);
        } catch (RuntimeException e) {
            String why = e instanceof DeliveryException ? e.getMessage() : AwsErrors.describe(e);
            telemetry.metrics("notice not delivered", Map.of("Channel", target.kind()),
                    List.of(new Telemetry.Metric("DeliveryFailed", 1, "Count")), fields(notice, target).put("contact", contact).put("error", why));
            return new Delivery(contact, key, "failed", why);
        }
    }

    private void note(String auditId, Delivery delivery) {
        try {
            audit.noteDelivery(auditId, delivery.note());
        } catch (RuntimeException e) {
            telemetry.count("DeliveryNoteFailed", "a delivery could not be noted on its audit record",
                    telemetry.fields().put("auditId", auditId).put("delivery", delivery.note())
                            .put("error", AwsErrors.describe(e)));
        }
    }

    private ObjectNode fields(Notice notice, ChannelTarget target) {
        return telemetry.fields().put("auditId", notice.auditId())
                .put("channel", target.describe()).put("rule", notice.rule()).put("resource", notice.resource());
    }
}
