package dev.backstop.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * One place a contact is told, as a rule file's {@code notify.contacts} names it. No target holds
 * a credential: those that need one name a Secrets Manager secret, read only when delivering.
 */
public sealed interface ChannelTarget {

    /** The channel's name in rule files: {@code sns}, {@code chatbot}, {@code webhook}, {@code jira}, {@code servicenow}. */
    String kind();

    /** Where it goes, with no secret in it, for audit notes and logs. */
    String describe();

    /** A plain SNS topic: the message as text, as the default topic gets it. */
    record SnsTopic(String topicArn) implements ChannelTarget {
        public SnsTopic {
            Objects.requireNonNull(topicArn, "topicArn");
        }

        @Override
        public String kind() {
            return "sns";
        }

        @Override
        public String describe() {
            return "sns " + topicArn;
        }
    }

    /**
     * An SNS topic that AWS Chatbot (Amazon Q Developer in chat applications) relays to Slack,
     * Teams or Chime: the message in its custom-notification format.
     */
    record ChatbotTopic(String topicArn) implements ChannelTarget {
        public ChatbotTopic {
            Objects.requireNonNull(topicArn, "topicArn");
        }

        @Override
        public String kind() {
            return "chatbot";
        }

        @Override
        public String describe() {
            return "chatbot " + topicArn;
        }
    }

    /** An HTTPS endpoint whose URL (often a credential itself) and token live in the secret. */
    record Webhook(String secret) implements ChannelTarget {
        public Webhook {
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String kind() {
            return "webhook";
        }

        @Override
        public String describe() {
            return "webhook (secret " + secret + ")";
        }
    }

    /**
     * A Jira project: one issue per resource and rule, commented on repeats, moved to done on undo.
     *
     * @param site the Jira base URL, such as {@code https://acme.atlassian.net}
     * @param resolveTransition the transition that resolves an issue; empty: the first to a done status
     */
    record Jira(String site, String project, String issueType, String secret, Optional<String> resolveTransition)
            implements ChannelTarget {
        public Jira {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(issueType, "issueType");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(resolveTransition, "resolveTransition");
        }

        @Override
        public String kind() {
            return "jira";
        }

        @Override
        public String describe() {
            return "jira " + project + " at " + site;
        }
    }

    /**
     * A ServiceNow table (incident by default): one record per resource and rule, work notes on
     * repeats, resolved on undo.
     *
     * @param instance the instance URL, such as {@code https://acme.service-now.com}
     */
    record ServiceNow(String instance, String table, String secret, Optional<String> assignmentGroup, String closeCode)
            implements ChannelTarget {
        public ServiceNow {
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(assignmentGroup, "assignmentGroup");
            Objects.requireNonNull(closeCode, "closeCode");
        }

        @Override
        public String kind() {
            return "servicenow";
        }

        @Override
        public String describe() {
            return "servicenow " + table + " at " + instance;
        }
    }
}
