package dev.backstop.config;

import dev.backstop.text.Decimal;
import dev.backstop.text.Shown;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What a deployment tells Backstop through its environment, read once and validated.
 *
 * @param auditTable the DynamoDB table for audit records ({@code BACKSTOP_AUDIT_TABLE})
 * @param topicArn the SNS topic for notifications ({@code BACKSTOP_TOPIC_ARN})
 * @param mode the global mode, a ceiling for every rule ({@code BACKSTOP_MODE}, default dry-run)
 * @param ownPrincipals ARN patterns of Backstop's own roles, {@code *} as wildcard
 *     ({@code BACKSTOP_OWN_PRINCIPALS}, comma-separated): their events are audited, never acted on
 *     nor notified, and they are never an action's target
 * @param protectedPrincipals ARN patterns of the deployment's protected principals, such as a
 *     break-glass or deployment role ({@code BACKSTOP_PROTECTED_PRINCIPALS}, comma-separated, the
 *     template's ProtectedPrincipalArns): never an action's target, and an event of theirs that a
 *     rule matches is audited and notified as PROTECTED, never acted on
 * @param rulesLocation the team's own rule file, if any ({@code BACKSTOP_RULES_LOCATION},
 *     {@code s3://BUCKET/KEY}), added to the default pack, and the account that must own its bucket
 *     ({@code BACKSTOP_RULES_BUCKET_OWNER}, else the home account)
 * @param rulesTtl how long a fetched rule file is used before it is read again
 *     ({@code BACKSTOP_RULES_TTL_SECONDS}, default 60: a kill switch set in the team file holds within a
 *     minute; an unchanged file costs one conditional GET answered 304)
 * @param members whose events are acted on and how member accounts are reached ({@link MemberAccess})
 * @param breakerLimits the blast-radius and flapping breakers' limits ({@code BACKSTOP_BLAST_*},
 *     {@code BACKSTOP_FLAPPING_*})
 * @param trusted the accounts and organization a share or grant may name ({@link TrustedSet}:
 *     {@code BACKSTOP_TRUSTED_ACCOUNTS}, {@code BACKSTOP_TRUSTED_ORGANIZATION}, and the deployment's own accounts)
 * @param controls the kill switch and the scheduling of veto windows ({@link Controls})
 */
public record Settings(String auditTable, String topicArn, Mode mode, List<String> ownPrincipals,
        List<String> protectedPrincipals, Optional<RulesLocation> rulesLocation, Duration rulesTtl, MemberAccess members,
        BreakerLimits breakerLimits, TrustedSet trusted, Controls controls) {

    public static final String AUDIT_TABLE = "BACKSTOP_AUDIT_TABLE";
    public static final String TOPIC_ARN = "BACKSTOP_TOPIC_ARN";
    public static final String MODE = "BACKSTOP_MODE";
    public static final String OWN_PRINCIPALS = "BACKSTOP_OWN_PRINCIPALS";
    public static final String PROTECTED_PRINCIPALS = "BACKSTOP_PROTECTED_PRINCIPALS";
    public static final String RULES_LOCATION = "BACKSTOP_RULES_LOCATION";
    public static final String RULES_TTL_SECONDS = "BACKSTOP_RULES_TTL_SECONDS";
    public static final Duration DEFAULT_RULES_TTL = Duration.ofMinutes(1);

    public Settings {
        Objects.requireNonNull(auditTable, "auditTable");
        Objects.requireNonNull(topicArn, "topicArn");
        Objects.requireNonNull(mode, "mode");
        ownPrincipals = List.copyOf(ownPrincipals);
        ownPrincipals.forEach(pattern -> requireProtectable(OWN_PRINCIPALS, pattern));
        protectedPrincipals = List.copyOf(protectedPrincipals);
        protectedPrincipals.forEach(pattern -> requireProtectable(PROTECTED_PRINCIPALS, pattern));
        Objects.requireNonNull(rulesLocation, "rulesLocation");
        Objects.requireNonNull(rulesTtl, "rulesTtl");
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(breakerLimits, "breakerLimits");
        Objects.requireNonNull(trusted, "trusted");
        Objects.requireNonNull(controls, "controls");
    }

    /** Settings with the shipped rules only, as the demo and tests use them. */
    public Settings(String auditTable, String topicArn, Mode mode, List<String> ownPrincipals) {
        this(auditTable, topicArn, mode, ownPrincipals, Optional.empty(), DEFAULT_RULES_TTL);
    }

    /** Settings for one account, with a team's rule file and the default breaker limits. */
    public Settings(String auditTable, String topicArn, Mode mode, List<String> ownPrincipals,
            Optional<RulesLocation> rulesLocation, Duration rulesTtl) {
        this(auditTable, topicArn, mode, ownPrincipals, List.of(), rulesLocation, rulesTtl, MemberAccess.singleAccount(),
                BreakerLimits.DEFAULTS, TrustedSet.none(), Controls.DEFAULTS);
    }

    /** The same settings acting on the events of these accounts. */
    public Settings withMembers(MemberAccess members) {
        return new Settings(auditTable, topicArn, mode, ownPrincipals, protectedPrincipals, rulesLocation, rulesTtl, members,
                breakerLimits, trusted, controls);
    }

    /** The same settings with other breaker limits, as tests set them. */
    public Settings withBreakerLimits(BreakerLimits limits) {
        return new Settings(auditTable, topicArn, mode, ownPrincipals, protectedPrincipals, rulesLocation, rulesTtl, members,
                limits, trusted, controls);
    }

    /** The same settings with another trusted set, as tests set it. */
    public Settings withTrusted(TrustedSet set) {
        return new Settings(auditTable, topicArn, mode, ownPrincipals, protectedPrincipals, rulesLocation, rulesTtl, members,
                breakerLimits, set, controls);
    }

    /** The same settings with these protected principals (ProtectedPrincipalArns). */
    public Settings withProtectedPrincipals(List<String> patterns) {
        return new Settings(auditTable, topicArn, mode, ownPrincipals, patterns, rulesLocation, rulesTtl, members,
                breakerLimits, trusted, controls);
    }

    /** The same settings with other controls (kill switch, scheduling), as tests set them. */
    public Settings withControls(Controls newControls) {
        return new Settings(auditTable, topicArn, mode, ownPrincipals, protectedPrincipals, rulesLocation, rulesTtl, members,
                breakerLimits, trusted, newControls);
    }

    /**
     * Backstop's own roles and the protected principals: what no action ever changes, and whose
     * changes are trusted (a trail snapshot) or marked (a change found before an alarm).
     */
    public List<String> neverChanged() {
        return Stream.concat(ownPrincipals.stream(), protectedPrincipals.stream()).toList();
    }

    public static Settings fromEnvironment(Map<String, String> env) {
        String topicArn = required(env, TOPIC_ARN);
        if (!topicArn.startsWith("arn:")) {
            throw new SettingsException(TOPIC_ARN + ": expected an SNS topic ARN, found \"" + topicArn + "\"");
        }
        Mode mode;
        try {
            mode = Mode.parse(env.getOrDefault(MODE, Mode.DRY_RUN.label()));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(MODE + ": " + e.getMessage());
        }
        MemberAccess members = MemberAccess.fromEnvironment(env);
        return new Settings(required(env, AUDIT_TABLE), topicArn, mode, patterns(env, OWN_PRINCIPALS),
                patterns(env, PROTECTED_PRINCIPALS), rulesLocation(env, members), rulesTtl(env), members,
                BreakerLimits.fromEnvironment(env), TrustedSet.fromEnvironment(env, members), Controls.fromEnvironment(env));
    }

    /** A comma-separated list of ARN patterns, blanks left out; each is checked by the constructor. */
    public static List<String> patterns(Map<String, String> env, String variable) {
        return Arrays.stream(env.getOrDefault(variable, "").split(","))
                .map(String::trim)
                .filter(arn -> !arn.isEmpty())
                .toList();
    }

    /**
     * A protected principal is an ARN of one account: a pattern with a wildcard account, or a bare
     * {@code *}, would let anyone who can create a role of that name anywhere act unseen.
     */
    private static void requireProtectable(String variable, String pattern) {
        PrincipalArns.problem(pattern).ifPresent(problem -> {
            throw new SettingsException(variable + ": \"" + Shown.truncated(pattern) + "\" cannot name a protected"
                    + " principal: " + problem);
        });
    }

    /** The team's file, read only from a bucket of the named owner, else of the home account. */
    private static Optional<RulesLocation> rulesLocation(Map<String, String> env, MemberAccess members) {
        String text = env.getOrDefault(RULES_LOCATION, "").trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        RulesLocation location;
        try {
            location = RulesLocation.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(RULES_LOCATION + ": " + e.getMessage());
        }
        String owner = env.getOrDefault(RulesLocation.BUCKET_OWNER, "").trim();
        try {
            return Optional.of(!owner.isEmpty() ? location.ownedBy(owner)
                    : members.homeAccount().map(location::ownedBy).orElse(location));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(RulesLocation.BUCKET_OWNER + ": " + e.getMessage());
        }
    }

    private static Duration rulesTtl(Map<String, String> env) {
        String text = env.getOrDefault(RULES_TTL_SECONDS, "").trim();
        if (text.isEmpty()) {
            return DEFAULT_RULES_TTL;
        }
        OptionalLong seconds = Decimal.whole(text);
        if (seconds.isEmpty() || seconds.getAsLong() < 1) {
            throw new SettingsException(RULES_TTL_SECONDS + ": expected a positive number of seconds, found " + Shown.quoted(text));
        }
        return Duration.ofSeconds(seconds.getAsLong());
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new SettingsException(name + " is not set");
        }
        return value.trim();
    }
}
