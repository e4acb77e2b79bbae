package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One finding of GuardDuty ("GuardDuty Finding") or Security Hub ("Security Hub Findings -
 * Imported", one trigger per finding of the event), as EventBridge delivers it.
 *
 * @param id the finding's id and its update time: a redelivery is decided once, a finding that
 *     comes back updated (GuardDuty counts again, a Security Hub control fails again) anew
 * @param productArn Security Hub's product ARN of the finding (which product wrote it); for a
 *     GuardDuty finding, GuardDuty's
 * @param type the GuardDuty finding type, or the Security Hub finding's first {@code Types} entry
 * @param control the Security Hub control ({@code S3.8}), else null
 * @param severity GuardDuty's 0-10 severity, or Security Hub's normalized 0-100 one
 * @param severityLabel LOW, MEDIUM, HIGH or CRITICAL (GuardDuty's severity in Security Hub's labels)
 * @param active false for an archived finding, one whose workflow a person closed (RESOLVED or
 *     SUPPRESSED) or a control that passes: nothing is acted on for it
 * @param deliveredBy the account EventBridge delivered it from (the envelope's {@code account}): the
 *     finding's own, or a GuardDuty or Security Hub administrator account that sees its members' findings
 * @param sample true for GuardDuty's sample findings (CreateSampleFindings): fictional resources
 * @param tree the event as delivered, with {@code detail.findings} cut to this finding alone for
 *     Security Hub: the shape rule patterns are matched against; read it, never change it
 */
public record FindingEvent(
        String id,
        FindingSource source,
        String findingId,
        String productArn,
        String type,
        String control,
        String title,
        double severity,
        String severityLabel,
        String account,
        String deliveredBy,
        String region,
        Instant updatedAt,
        List<FindingResource> resources,
        boolean active,
        boolean sample,
        JsonNode tree) implements Trigger {

    public FindingEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(findingId, "findingId");
        Objects.requireNonNull(productArn, "productArn");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severityLabel, "severityLabel");
        Objects.requireNonNull(deliveredBy, "deliveredBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(tree, "tree");
        resources = List.copyOf(resources);
    }

    /** A finding has no caller: principal exemptions never apply to it. */
    @Override
    public Optional<UserIdentity> caller() {
        return Optional.empty();
    }

    /** The product, what it found ({@code S3.8} or the GuardDuty type) and how severe. */
    @Override
    public String summary() {
        return source.product() + " finding " + (control != null ? control : type) + " (" + severityLabel + ")";
    }

    /** The first resource of this type ({@code AwsEc2Instance}), if the finding names one. */
    public Optional<FindingResource> resource(String resourceType) {
        return resources.stream().filter(resource -> resource.type().equals(resourceType)).findFirst();
    }

    /**
     * True when an AWS product wrote it: their product ARNs name no account
     * ({@code arn:aws:securityhub:us-east-1::product/aws/guardduty}). Anyone allowed
     * {@code securityhub:BatchImportFindings} can write findings of their own product, naming
     * any resource.
     */
    public boolean writtenByAws() {
        String[] arn = productArn.split(":", 6);
        return arn.length == 6 && arn[0].equals("arn") && arn[2].equals("securityhub") && arn[4].isEmpty()
                && arn[5].startsWith("product/aws/");
    }

    /** Why nothing is acted on for it, else empty: a sample, or a finding no longer open. */
    public Optional<String> closed() {
        if (sample) {
            return Optional.of("a GuardDuty sample finding (CreateSampleFindings): the resources it names are made up");
        }
        if (!active) {
            return Optional.of("the finding is archived, closed (RESOLVED or SUPPRESSED) or passing: nothing to act on");
        }
        return Optional.empty();
    }

    /** The finding as an audit record names it: the control or the type. */
    public String what() {
        return control != null ? control : type;
    }
}
