package dev.backstop.action;

import dev.backstop.config.TrustedSet;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The share permissions of {@link SharePermissions}, one string each: an account id,
 * {@value #EVERYONE} (public), or the ARN of an organization or OU an image is shared with; and
 * which of them reach outside the {@link TrustedSet}.
 */
public final class SharedWith {

    /** Everyone: EC2's group {@code all}, RDS's attribute value {@code all}. */
    public static final String EVERYONE = "all";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    // arn:aws:organizations::MANAGEMENT:organization/o-x and ...:ou/o-x/ou-y
    private static final Pattern ORGANIZATION = Pattern.compile("arn:[^:]+:organizations::\\d{12}:(?:organization|ou)/(o-[a-z0-9]+)(?:/.*)?");

    private SharedWith() {
    }

    /**
     * True for everyone, an account the set does not trust (the resource's own, {@code owner}, it
     * does), an organization or OU of another organization, and anything else it cannot place.
     */
    public static boolean outside(String permission, TrustedSet trusted, String owner) {
        if (ACCOUNT.matcher(permission).matches()) {
            return !trusted.trusts(permission, owner);
        }
        Matcher organization = ORGANIZATION.matcher(permission);
        return !(organization.matches() && trusted.trustsOrganization(organization.group(1)));
    }

    /** The permissions sorted and comma-separated, or "none": how the state facts hold them. */
    public static String join(Collection<String> permissions) {
        return permissions.isEmpty() ? "none" : String.join(",", permissions.stream().sorted().toList());
    }
}
