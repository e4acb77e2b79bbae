package dev.backstop.config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The accounts a share, a grant or a trust may name without Backstop treating it as a way out: one
 * setting for every rule that speaks of outside accounts (a snapshot shared, a bucket policy, a
 * role's trust, a function's permissions, a key policy).
 *
 * <p>Trusted are the deployment's own accounts (the home account and the member accounts of
 * {@link MemberAccess}), the accounts of {@code BACKSTOP_TRUSTED_ACCOUNTS}, and the account a
 * resource itself is in ({@link #trusts(String, String)}). The organization
 * ({@code BACKSTOP_TRUSTED_ORGANIZATION}) is trusted where a grant names it: a policy condition
 * that confines a grant to it ({@code aws:PrincipalOrgID}, {@code aws:PrincipalOrgPaths}) or an
 * image shared with it or one of its OUs. An account id alone does not say which organization it
 * is in (only the management account or a delegated administrator may ask Organizations), so the
 * organization's other accounts are trusted by id only when listed.
 *
 * @param organization the trusted organization's id ({@code o-...}), if any
 * @param accounts the trusted accounts by id
 */
public record TrustedSet(Optional<String> organization, Set<String> accounts) {

    public static final String ACCOUNTS = "BACKSTOP_TRUSTED_ACCOUNTS";
    public static final String ORGANIZATION = "BACKSTOP_TRUSTED_ORGANIZATION";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");

    public TrustedSet {
        Objects.requireNonNull(organization, "organization");
        organization.filter(id -> !ORGANIZATION_ID.matcher(id).matches()).ifPresent(id -> {
            throw new SettingsException(ORGANIZATION + ": expected an organization id (o- and 10 to 32 lower-case"
                    + " letters or digits), found \"" + id + "\"");
        });
        accounts = Set.copyOf(accounts);
        accounts.stream().filter(account -> !ACCOUNT.matcher(account).matches()).findFirst().ifPresent(account -> {
            throw new SettingsException(ACCOUNTS + ": expected a 12-digit account id, found \"" + account + "\"");
        });
    }

    /** No account but the resource's own: the command line and tests without a deployment. */
    public static TrustedSet none() {
        return new TrustedSet(Optional.empty(), Set.of());
    }

    /** The organization and listed accounts of the environment, with the deployment's own accounts. */
    public static TrustedSet fromEnvironment(Map<String, String> env, MemberAccess members) {
        Set<String> accounts = new LinkedHashSet<>();
        for (String item : Arrays.asList(env.getOrDefault(ACCOUNTS, "").split(","))) {
            if (!item.isBlank()) {
                accounts.add(item.trim());
            }
        }
        members.homeAccount().ifPresent(accounts::add);
        accounts.addAll(members.allowedAccounts());
        String organization = env.getOrDefault(ORGANIZATION, "").trim();
        return new TrustedSet(organization.isEmpty() ? Optional.empty() : Optional.of(organization), accounts);
    }

    /** True for a listed account, or the account of the resource the grant is on ({@code owner}). */
    public boolean trusts(String account, String owner) {
        return account != null && (account.equals(owner) || accounts.contains(account));
    }

    /** True for the trusted organization's id. */
    public boolean trustsOrganization(String organizationId) {
        return organizationId != null && organization.map(organizationId::equals).orElse(false);
    }
}
