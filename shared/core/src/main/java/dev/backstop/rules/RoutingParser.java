package dev.backstop.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a rule file's {@code notify} section: owner tags, contacts and their channels, accounts, default. */
final class RoutingParser {

    private static final Set<String> NOTIFY_KEYS = Set.of("owner-tags", "contacts", "accounts", "default");
    private static final Set<String> ACCOUNT_KEYS = Set.of("alias", "contact");
    private static final Set<String> KINDS = Set.of("sns", "chatbot", "webhook", "jira", "servicenow");
    private static final Set<String> WEBHOOK_KEYS = Set.of("secret");
    private static final Set<String> JIRA_KEYS = Set.of("url", "project", "issue-type", "secret", "resolve-transition");
    private static final Set<String> SERVICENOW_KEYS = Set.of("url", "table", "secret", "assignment-group", "close-code");
    private static final Pattern CONTACT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    // A standard topic's ARN: a FIFO topic would need a message group id on every publish.
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}");
    // Secrets Manager's name characters; a name, not an ARN, so the prefix IAM grants governs it.
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern JIRA_PROJECT = Pattern.compile("[A-Z][A-Z0-9_]{0,254}");
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,79}");
    static final String DEFAULT_ISSUE_TYPE = "Task";
    static final String DEFAULT_TABLE = "incident";
    static final String DEFAULT_CLOSE_CODE = "Resolved by caller";

    private RoutingParser() {
    }

    /** The section's routing, or empty after reporting its errors; {@link Routing#NONE} when there is no section. */
    static Optional<Routing> parse(Fields notify) {
        if (!notify.present()) {
            return Optional.of(Routing.NONE);
        }
        if (!notify.requireObject()) {
            return Optional.empty();
        }
        int errorsBefore = notify.errorCount();
        notify.onlyKeys(NOTIFY_KEYS);
        List<String> ownerTags = ownerTags(notify.child("owner-tags"));
        Map<String, List<ChannelTarget>> contacts = contacts(notify.child("contacts"));
        Map<String, Routing.Account> accounts = accounts(notify.child("accounts"), contacts);
        Fields defaultField = notify.child("default");
        String defaultContact = defaultField.string();
        if (defaultContact != null) {
            knownContact(defaultField, defaultContact, contacts);
        }
        if (notify.errorCount() != errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Routing(ownerTags, contacts, accounts, Optional.ofNullable(defaultContact),
                notify.file() + ":" + notify.line()));
    }

    private static List<String> ownerTags(Fields field) {
        List<String> keys = new ArrayList<>();
        if (!field.present() || !field.requireList()) {
            return keys;
        }
        for (int i = 0; i < field.node().size(); i++) {
            Fields key = field.element(i);
            String value = key.string();
            if (value != null && !TAG_KEY.matcher(value).matches()) {
                key.error("expected a tag key (at most 128 letters, digits, spaces and _.:/=+-@), found \"" + value + "\"");
            } else if (value != null && keys.contains(value)) {
                key.error("\"" + value + "\" is listed twice");
            } else if (value != null) {
                keys.add(value);
            }
        }
        return keys;
    }

    private static Map<String, List<ChannelTarget>> contacts(Fields field) {
        Map<String, List<ChannelTarget>> contacts = new LinkedHashMap<>();
        if (!field.optionalObject()) {
            return contacts;
        }
        field.node().fieldNames().forEachRemaining(name -> {
            Fields contact = field.child(name);
            if (!CONTACT.matcher(name).matches()) {
                contact.error("a contact name uses letters, digits and ._@+- (at most 128), starting with a letter or digit");
            }
            if (!contact.requireList()) {
                return;
            }
            if (contact.node().isEmpty()) {
                contact.error("name at least one channel");
            }
            List<ChannelTarget> channels = new ArrayList<>();
            for (int i = 0; i < contact.node().size(); i++) {
                channel(contact.element(i)).ifPresent(channels::add);
            }
            contacts.put(name, channels);
        });
        return contacts;
    }

    private static Optional<ChannelTarget> channel(Fields entry) {
        if (!entry.requireObject()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        entry.node().fieldNames().forEachRemaining(names::add);
        if (names.size() != 1 || !KINDS.contains(names.get(0))) {
            entry.error("expected exactly one of " + String.join(", ", KINDS.stream().sorted().toList()) + ", found "
                    + (names.isEmpty() ? "nothing" : String.join(", ", names)));
            return Optional.empty();
        }
        Fields channel = entry.child(names.get(0));
        return switch (names.get(0)) {
            case "sns" -> topic(channel).map(ChannelTarget.SnsTopic::new);
            case "chatbot" -> topic(channel).map(ChannelTarget.ChatbotTopic::new);
            case "webhook" -> webhook(channel);
            case "jira" -> jira(channel);
            default -> serviceNow(channel);
        };
    }

    private static Optional<String> topic(Fields field) {
        String arn = field.requiredString();
        if (arn == null) {
            return Optional.empty();
        }
        if (arn.endsWith(".fifo")) {
            field.error("a FIFO topic needs a message group on every message; name a standard topic");
            return Optional.empty();
        }
        if (!TOPIC_ARN.matcher(arn).matches()) {
            field.error("expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), found \"" + arn + "\"");
            return Optional.empty();
        }
        return Optional.of(arn);
    }

    private static Optional<ChannelTarget> webhook(Fields field) {
        if (!field.requireObject()) {
            return Optional.empty();
        }
        int errorsBefore = field.errorCount();
        field.onlyKeys(WEBHOOK_KEYS);
        String secret = secret(field.child("secret"));
        return field.errorCount() == errorsBefore ? Optional.of(new ChannelTarget.Webhook(secret)) : Optional.empty();
    }

    private static Optional<ChannelTarget> jira(Fields field) {
        if (!field.requireObject()) {
            return Optional.empty();
        }
        int errorsBefore = field.errorCount();
        field.onlyKeys(JIRA_KEYS);
        String site = baseUrl(field.child("url"));
        Fields projectField = field.child("project");
        String project = projectField.requiredString();
        if (project != null && !JIRA_PROJECT.matcher(project).matches()) {
            projectField.error("expected a Jira project key (upper-case letters, digits and _, starting with a letter), found \""
                    + project + "\"");
        }
        String issueType = Optional.ofNullable(field.child("issue-type").string()).orElse(DEFAULT_ISSUE_TYPE);
        String secret = secret(field.child("secret"));
        Optional<String> transition = Optional.ofNullable(field.child("resolve-transition").string());
        return field.errorCount() == errorsBefore
                ? Optional.of(new ChannelTarget.Jira(site, project, issueType, secret, transition)) : Optional.empty();
    }

    private static Optional<ChannelTarget> serviceNow(Fields field) {
        if (!field.requireObject()) {
            return Optional.empty();
        }
        int errorsBefore = field.errorCount();
        field.onlyKeys(SERVICENOW_KEYS);
        String instance = baseUrl(field.child("url"));
        Fields tableField = field.child("table");
        String table = Optional.ofNullable(tableField.string()).orElse(DEFAULT_TABLE);
        if (!TABLE.matcher(table).matches()) {
            tableField.error("expected a table name such as incident (lower-case letters, digits and _), found \"" + table + "\"");
        }
        String secret = secret(field.child("secret"));
        Optional<String> group = Optional.ofNullable(field.child("assignment-group").string());
        String closeCode = Optional.ofNullable(field.child("close-code").string()).orElse(DEFAULT_CLOSE_CODE);
        return field.errorCount() == errorsBefore
                ? Optional.of(new ChannelTarget.ServiceNow(instance, table, secret, group, closeCode)) : Optional.empty();
    }

    private static String secret(Fields field) {
        String name = field.requiredString();
        if (name == null) {
            return null;
        }
        if (name.startsWith("arn:")) {
            field.error("name the secret (such as backstop/jira), not its ARN: Backstop may read only the secrets under its prefix");
            return null;
        }
        if (!SECRET.matcher(name).matches()) {
            field.error("expected a Secrets Manager secret name (letters, digits and /_+=.@-), found \"" + name + "\"");
            return null;
        }
        return name;
    }

    /** An https base URL with a host and no credentials, query or fragment; returned without a trailing slash. */
    private static String baseUrl(Fields field) {
        String text = field.requiredString();
        if (text == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            field.error("not a URL: " + e.getReason());
            return null;
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            field.error("expected an https:// URL with a host, found \"" + text + "\"");
        } else if (uri.getRawUserInfo() != null) {
            field.error("a URL must not carry credentials; put them in the secret");
        } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            field.error("expected the site's base URL, without a query or fragment");
        } else {
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        }
        return null;
    }

    private static void knownContact(Fields field, String name, Map<String, List<ChannelTarget>> contacts) {
        if (!contacts.containsKey(name)) {
            field.error("no contact \"" + name + "\" under notify.contacts" + (contacts.isEmpty() ? ""
                    : "; known: " + String.join(", ", contacts.keySet())));
        }
    }

    private static Map<String, Routing.Account> accounts(Fields field, Map<String, List<ChannelTarget>> contacts) {
        Map<String, Routing.Account> accounts = new LinkedHashMap<>();
        if (!field.optionalObject()) {
            return accounts;
        }
        field.node().fieldNames().forEachRemaining(id -> {
            Fields account = field.child(id);
            if (!ACCOUNT.matcher(id).matches()) {
                account.error("expected a 12-digit account id as the key, found \"" + id + "\"");
            }
            if (!account.requireObject()) {
                return;
            }
            account.onlyKeys(ACCOUNT_KEYS);
            String alias = account.child("alias").string();
            Fields contactField = account.child("contact");
            String contact = contactField.string();
            if (contact != null) {
                knownContact(contactField, contact, contacts);
            }
            if (alias == null && contact == null && account.node().size() == 0) {
                account.error("give the account an alias, a contact or both");
            }
            accounts.put(id, new Routing.Account(alias, contact));
        });
        return accounts;
    }
}
