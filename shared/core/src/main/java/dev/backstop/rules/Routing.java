package dev.backstop.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who hears of a decision besides the default topic, as a rule file's {@code notify} section says:
 * the resource's owner tag names a contact; without one, the account's contact; else the default.
 *
 * <pre>{@code
 * Routing.Route route = routing.route(Map.of("owner", "payments"), "111122223333");
 * route.contact();   // Optional[payments]
 * route.why();       // "resource tag owner=payments"
 * }</pre>
 *
 * @param ownerTags the tag keys that name a resource's owner, the first one present deciding
 * @param contacts each contact's channels, by contact name
 * @param accounts what the file says of each account: its alias and its fallback contact
 * @param defaultContact the contact when neither tag nor account names one
 * @param origin where the section was read, as {@code FILE:LINE}; empty when there is none
 */
public record Routing(List<String> ownerTags, Map<String, List<ChannelTarget>> contacts, Map<String, Account> accounts,
        Optional<String> defaultContact, String origin) {

    /** No {@code notify} section: the default topic only. */
    public static final Routing NONE = new Routing(List.of(), Map.of(), Map.of(), Optional.empty(), "");

    /**
     * @param alias what people call the account (it is never looked up, so it is always what the file says)
     * @param contact the contact for its resources that have no owner tag naming one; may be null
     */
    public record Account(String alias, String contact) {
    }

    /** Whom a notice goes to and why; no contact when nothing names one. */
    public record Route(Optional<String> contact, String why) {
    }

    public Routing {
        ownerTags = List.copyOf(ownerTags);
        // In the file's order, so listings and messages read as written.
        contacts = Collections.unmodifiableMap(new LinkedHashMap<>(contacts));
        accounts = Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
        Objects.requireNonNull(defaultContact, "defaultContact");
        Objects.requireNonNull(origin, "origin");
    }

    /** The contact for a resource with these tags in this account. */
    public Route route(Map<String, String> tags, String account) {
        for (String key : ownerTags) {
            String value = tags.get(key);
            if (value == null) {
                continue;
            }
            if (contacts.containsKey(value)) {
                return new Route(Optional.of(value), "resource tag " + key + "=" + value);
            }
            return fallback(account, "resource tag " + key + "=" + value + " names no contact, so ");
        }
        return fallback(account, ownerTags.isEmpty() ? "" : "no owner tag (" + String.join(", ", ownerTags) + "), so ");
    }

    private Route fallback(String account, String because) {
        Account known = account == null ? null : accounts.get(account);
        if (known != null && known.contact() != null) {
            return new Route(Optional.of(known.contact()), because + "the contact of account " + account);
        }
        if (defaultContact.isPresent()) {
            return new Route(defaultContact, because + "the default contact");
        }
        return new Route(Optional.empty(), because + "no contact (the default topic only)");
    }

    /** The channels of a contact; none for an unknown one. */
    public List<ChannelTarget> channels(String contact) {
        return contacts.getOrDefault(contact, List.of());
    }

    /** The account's alias as the file gives it. */
    public Optional<String> alias(String account) {
        return Optional.ofNullable(account == null ? null : accounts.get(account)).map(Account::alias);
    }
}
