package dev.backstop.aws;

import dagger.Lazy;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Settings;
import dev.backstop.rules.RoleSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The accounts whose events Backstop acts on, and the credentials it acts with in each: its own in
 * the home account, a session of the member role in an allowed member account.
 *
 * <pre>{@code
 * if (accounts.allows(event.account())) {
 *     try (CredentialScope.Scope scope = accounts.actAs(event.account())) {
 *         // remediation clients sign as the member role here
 *     }
 * }
 * }</pre>
 *
 * <p>Each member account's session is assumed on first use and kept, refreshed by the SDK before
 * it expires, for the life of the container. Nothing is assumed before the first member event, so
 * no member credentials are ever frozen into a SnapStart snapshot.
 */
@Singleton
public final class MemberAccounts {

    private final MemberAccess access;
    private final CredentialScope scope;
    private final Lazy<StsClient> sts;
    private final Map<String, AwsCredentialsProvider> sessions = new ConcurrentHashMap<>();

    @Inject
    MemberAccounts(Settings settings, CredentialScope scope, Lazy<StsClient> sts) {
        this.access = settings.members();
        this.scope = scope;
        this.sts = sts;
    }

    /** True for the home account and the allowlist's members; false for every other account. */
    public boolean allows(String account) {
        return access.allows(account);
    }

    /**
     * Backstop's own sessions in the member accounts: the member role assumed with
     * {@link MemberAccess#SESSION_NAME}. The calls they make come back through CloudTrail and are
     * only audited; each is recognised exactly, never by a pattern.
     */
    public List<RoleSession> ownSessions() {
        return RoleSession.ofMembers(access);
    }

    /**
     * Until the scope closes, this thread's remediation clients act in the account: with the member
     * role's session in a member account, with the function's own credentials in the home account.
     *
     * @throws IllegalArgumentException for an account that is not {@link #allows allowed}
     */
    public CredentialScope.Scope actAs(String account) {
        if (!access.allows(account)) {
            throw new IllegalArgumentException("account " + account + " is not on the allowlist");
        }
        if (!access.isMember(account)) {
            return scope.home();
        }
        return scope.actWith(sessions.computeIfAbsent(account, this::session));
    }

    /**
     * For an operator's undo, before anything runs: the account of a record must be one Backstop
     * can act in with what it knows. A member account is reached through its member role; any
     * other account only with credentials of that very account (asked of STS), so an undo never
     * changes a same-named resource of the account the operator happens to be signed in to.
     *
     * @throws IllegalArgumentException saying why the account cannot be acted in
     */
    public void requireReachable(String account) {
        if (!access.allows(account)) {
            throw new IllegalArgumentException("account " + account + " is not on the allowlist");
        }
        if (access.isMember(account)) {
            return;
        }
        String own = sts.get().getCallerIdentity().account();
        if (!own.equals(account)) {
            throw new IllegalArgumentException("the record is of account " + account + ", but these credentials act in"
                    + " account " + own + ": use credentials of account " + account + ", or set "
                    + MemberAccess.HOME_ACCOUNT + ", " + MemberAccess.ALLOWED_ACCOUNTS + " and "
                    + MemberAccess.ROLE_NAME + " as the deployment does, to act through the member role");
        }
    }

    private AwsCredentialsProvider session(String account) {
        StsClient client = sts.get();
        // The member role is in the partition Backstop runs in (aws, aws-cn, aws-us-gov).
        String partition = Partitions.of(client.serviceClientConfiguration().region());
        String roleArn = access.roleArn(partition, account);
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(client)
                // Refreshed on the calling thread when due: a Lambda container has no idle time for a
                // background refresh, and a thread would outlive the invocation.
                .asyncCredentialUpdateEnabled(false)
                .refreshRequest(request -> request.roleArn(roleArn)
                        .roleSessionName(access.sessionName())
                        .externalId(access.externalId().orElse(null)))
                .build();
    }
}
