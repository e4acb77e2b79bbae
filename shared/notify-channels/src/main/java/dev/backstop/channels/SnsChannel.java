package dev.backstop.channels;

import dev.backstop.action.AwsErrors;
import dev.backstop.notify.Notice;
import dev.backstop.rules.ChannelTarget;
import java.util.Map;
import javax.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** A contact's own SNS topic: the notice as text, its title as the subject, the outcome as an attribute. */
final class SnsChannel implements Channel {

    // SNS subjects are at most 100 printable ASCII characters.
    private static final int SUBJECT_LIMIT = 100;

    private final SnsClient sns;

    @Inject
    SnsChannel(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public String deliver(Notice notice, ChannelTarget target) {
        String topic = ((ChannelTarget.SnsTopic) target).topicArn();
        String id = publish(sns, topic, subject(notice.title()), notice.text(), notice);
        return "sent (message " + id + ")";
    }

    static String publish(SnsClient sns, String topic, String subject, String message, Notice notice) {
        try {
            return sns.publish(request -> {
                request.topicArn(topic).message(message)
                        .messageAttributes(Map.of("outcome", MessageAttributeValue.builder()
                                .dataType("String").stringValue(notice.outcome().name()).build()));
                if (subject != null) {
                    request.subject(subject);
                }
            }).messageId();
        } catch (SdkException e) {
            throw new DeliveryException("publish to " + topic + " failed: " + AwsErrors.describe(e));
        }
    }

    static String subject(String title) {
        String ascii = title.replaceAll("[^\\x20-\\x7E]", "?");
        return ascii.length() <= SUBJECT_LIMIT ? ascii : ascii.substring(0, SUBJECT_LIMIT);
    }
}
