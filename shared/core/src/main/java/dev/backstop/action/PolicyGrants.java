package dev.backstop.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.config.TrustedSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which principals outside the {@link TrustedSet} a resource or trust policy statement lets in:
 * the one judgement behind every rule that speaks of outside accounts (bucket, key, function and
 * trust policies).
 *
 * <p>An {@code Allow} statement lets in everyone ({@code "*"}) for the principal {@code "*"},
 * {@code {"AWS": "*"}} or a {@code NotPrincipal}; an account for an AWS principal that names it (an
 * account id, or an IAM or STS ARN in it); and, for a service principal, the accounts its
 * {@code aws:SourceAccount}, {@code aws:SourceOwner} or {@code aws:SourceArn} condition names. A
 * condition that confines the statement to trusted callers narrows it to nothing outside:
 * {@code aws:PrincipalOrgID} or {@code aws:PrincipalOrgPaths} of the trusted organization,
 * {@code aws:PrincipalAccount}, {@code aws:SourceAccount} or {@code aws:SourceOwner} of trusted
 * accounts, {@code aws:PrincipalArn} or {@code aws:SourceArn} in trusted accounts. As IAM reads
 * them, a negated, {@code ...IfExists}, {@code ForAllValues:} or {@code Null} operator narrows
 * nothing (each holds for a caller without the key), and neither does a value with a wildcard in
 * its account. Federated and canonical-user principals name no account and are left alone, as is
 * an AWS principal IAM shows by unique id (a principal deleted since).
 *
 * <pre>{@code
 * PolicyGrants grants = new PolicyGrants(settings.trusted(), event.account());
 * List<String> outside = grants.outside(statement);   // [] when the statement lets in no outsider
 * }</pre>
 */
public final class PolicyGrants {

    /** How {@link #outside} names everyone. */
    public static final String EVERYONE = "*";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ARN_ACCOUNT = Pattern.compile("arn:[^:]+:[^:]+:[^:]*:(\\d{12}|[^:]*[*?][^:]*)?:.*");
    private static final Set<String> ORGANIZATION_KEYS = Set.of("aws:principalorgid", "aws:principalorgpaths");
    private static final Set<String> ACCOUNT_KEYS = Set.of("aws:principalaccount", "aws:sourceaccount", "aws:sourceowner");
    private static final Set<String> ARN_KEYS = Set.of("aws:principalarn", "aws:sourcearn");
    private static final Set<String> SOURCE_KEYS = Set.of("aws:sourceaccount", "aws:sourceowner", "aws:sourcearn");

    private final TrustedSet trusted;
    private final String owner;

    /** Judges statements of a policy on a resource of account {@code owner}, which is always trusted. */
    public PolicyGrants(TrustedSet trusted, String owner) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.owner = owner;
    }

    /** The statements of a policy document: {@code Statement} as one object or a list. */
    public static List<JsonNode> statements(JsonNode policy) {
        JsonNode statement = policy == null ? null : policy.get("Statement");
        List<JsonNode> statements = new ArrayList<>();
        if (statement != null && statement.isArray()) {
            statement.forEach(statements::add);
        } else if (statement != null && statement.isObject()) {
            statements.add(statement);
        }
        return statements;
    }

    /**
     * The outsiders an {@code Allow} statement lets in, as the policy names them ({@value #EVERYONE}
     * for everyone, else the principal, with {@code from ACCOUNT} for a service acting for another
     * account); empty when it lets in no one outside the trusted set.
     */
    public List<String> outside(JsonNode statement) {
        if (!"Allow".equalsIgnoreCase(statement.path("Effect").asText())) {
            return List.of();
        }
        List<String> outside = new ArrayList<>();
        if (statement.has("NotPrincipal")) {
            outside.add(EVERYONE);
        } else {
            JsonNode principal = statement.path("Principal");
            if (principal.isTextual()) {
                addAws(principal, outside);
            } else {
                addAws(principal.path("AWS"), outside);
                values(principal.path("Service")).forEach(service -> outside.addAll(sources(service, statement)));
            }
        }
        return outside.isEmpty() || narrowed(statement.path("Condition")) ? List.of() : List.copyOf(outside);
    }

    /** {@link #outside} without everyone: the outside accounts a statement names or lets a service act for. */
    public List<String> outsideAccounts(JsonNode statement) {
        return outside(statement).stream().filter(principal -> !EVERYONE.equals(principal)).toList();
    }

    /** The account an AWS principal names: an account id, or the account of an IAM or STS ARN. */
    public static Optional<String> accountOf(String principal) {
        if (principal == null) {
            return Optional.empty();
        }
        if (ACCOUNT.matcher(principal).matches()) {
            return Optional.of(principal);
        }
        Matcher arn = ARN_ACCOUNT.matcher(principal);
        return arn.matches() && arn.group(1) != null && ACCOUNT.matcher(arn.group(1)).matches()
                ? Optional.of(arn.group(1)) : Optional.empty();
    }

    private void addAws(JsonNode principals, List<String> outside) {
        for (String principal : values(principals)) {
            if (EVERYONE.equals(principal)) {
                outside.add(EVERYONE);
            } else {
                accountOf(principal).filter(account -> !trusted.trusts(account, owner))
                        .ifPresent(account -> outside.add(principal));
            }
        }
    }

    /** A service principal, for each outside account its source conditions name. */
    private List<String> sources(String service, JsonNode statement) {
        List<String> outside = new ArrayList<>();
        for (Map.Entry<String, JsonNode> key : positiveKeys(statement.path("Condition"))) {
            if (SOURCE_KEYS.contains(key.getKey())) {
                for (String value : values(key.getValue())) {
                    String account = key.getKey().equals("aws:sourcearn") ? accountOf(value).orElse(null) : value;
                    if (account != null && ACCOUNT.matcher(account).matches() && !trusted.trusts(account, owner)) {
                        outside.add(service + " from " + account);
                    }
                }
            }
        }
        return outside;
    }

    /** True when a condition that must hold confines the statement to trusted callers. */
    private boolean narrowed(JsonNode condition) {
        for (Map.Entry<String, JsonNode> key : positiveKeys(condition)) {
            List<String> values = values(key.getValue());
            if (!values.isEmpty() && values.stream().allMatch(value -> trustedValue(key.getKey(), value))) {
                return true;
            }
        }
        return false;
    }

    private boolean trustedValue(String key, String value) {
        if (ORGANIZATION_KEYS.contains(key)) {
            String organization = key.equals("aws:principalorgid") ? value : value.split("/", 2)[0];
            return trusted.trustsOrganization(organization);
        }
        if (ACCOUNT_KEYS.contains(key)) {
            return trusted.trusts(value, owner);
        }
        if (ARN_KEYS.contains(key)) {
            return accountOf(value).map(account -> trusted.trusts(account, owner)).orElse(false);
        }
        return false;
    }

    /** The condition keys (lower case) under operators that must hold for the statement to apply. */
    private static List<Map.Entry<String, JsonNode>> positiveKeys(JsonNode condition) {
        List<Map.Entry<String, JsonNode>> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operator : condition.properties()) {
            String name = operator.getKey().toLowerCase(Locale.ROOT);
            if (name.contains("not") || name.endsWith("ifexists") || name.startsWith("forallvalues:")
                    || name.equals("null")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                keys.add(Map.entry(key.getKey().toLowerCase(Locale.ROOT), key.getValue()));
            }
        }
        return keys;
    }

    private static List<String> values(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (node.isValueNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
