package dev.backstop.cli.backtest;

import dev.backstop.config.BreakerLimits;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.rules.RoleSession;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The deployment whose decisions a backtest replays: what the handlers read from their
 * environment, read here from the same variables.
 *
 * @param ownPrincipals Backstop's own roles ({@code BACKSTOP_OWN_PRINCIPALS}): their calls are ignored
 *     and they are never a target
 * @param protectedPrincipals the protected principals ({@code BACKSTOP_PROTECTED_PRINCIPALS}): never a
 *     target, and their calls that a rule matches are told, never acted on
 * @param members the home account and allowed members: another account's events are rejected,
 *     and Backstop's member-role sessions are its own
 * @param trusted the accounts a share, grant or trust may name ({@code BACKSTOP_TRUSTED_ACCOUNTS},
 *     {@code BACKSTOP_TRUSTED_ORGANIZATION}): the actions judge "outside" by it, as the handlers do
 */
record Deployment(Mode mode, List<String> ownPrincipals, List<String> protectedPrincipals, MemberAccess members,
        BreakerLimits breakerLimits, TrustedSet trusted) {

    Deployment {
        Objects.requireNonNull(mode, "mode");
        ownPrincipals = List.copyOf(ownPrincipals);
        protectedPrincipals = List.copyOf(protectedPrincipals);
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(breakerLimits, "breakerLimits");
        Objects.requireNonNull(trusted, "trusted");
    }

    /** The deployment the environment describes, in this global mode, with more principals of its own and protected ones. */
    static Deployment fromEnvironment(Map<String, String> env, Mode mode, List<String> moreOwn, List<String> moreProtected) {
        MemberAccess members = MemberAccess.fromEnvironment(env);
        return new Deployment(mode,
                Stream.concat(Settings.patterns(env, Settings.OWN_PRINCIPALS).stream(), moreOwn.stream()).toList(),
                Stream.concat(Settings.patterns(env, Settings.PROTECTED_PRINCIPALS).stream(), moreProtected.stream()).toList(),
                members, BreakerLimits.fromEnvironment(env), TrustedSet.fromEnvironment(env, members));
    }

    /** Backstop's own roles and the protected principals: never an action's target. */
    List<String> neverChanged() {
        return Stream.concat(ownPrincipals.stream(), protectedPrincipals.stream()).toList();
    }

    /** Backstop's own sessions in the member accounts, whose calls are its own as its principals' are. */
    List<RoleSession> ownSessions() {
        return RoleSession.ofMembers(members);
    }
}
