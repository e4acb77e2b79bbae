package dev.backstop.event;

/** Which product delivered a finding, and how EventBridge names its events. */
public enum FindingSource {

    GUARDDUTY("GuardDuty", "aws.guardduty", "GuardDuty Finding"),
    SECURITY_HUB("Security Hub", "aws.securityhub", "Security Hub Findings - Imported");

    private final String product;
    private final String eventSource;
    private final String detailType;

    FindingSource(String product, String eventSource, String detailType) {
        this.product = product;
        this.eventSource = eventSource;
        this.detailType = detailType;
    }

    public String product() {
        return product;
    }

    /** The EventBridge event's {@code source}. */
    public String eventSource() {
        return eventSource;
    }

    /** The EventBridge event's {@code detail-type}. */
    public String detailType() {
        return detailType;
    }
}
