package dev.backstop.canary;

import dev.backstop.aws.CredentialScope;
import dev.backstop.aws.Partitions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The canary's own principal in each account: its function's role at home, its canary role in a
 * member account (assumed with the session name {@value #SESSION_NAME}). Never Backstop's member
 * role: a change made as Backstop would be ignored as Backstop's own, and the loop would prove nothing.
 */
@Singleton
final class CanaryAccounts {

    static final String SESSION_NAME = "backstop-canary";

    private final CredentialScope scope;
    private final StsClient sts;
    private final CanarySettings canary;
    private final String home;
    private final Map<String, AwsCredentialsProvider> sessions = new ConcurrentHashMap<>();

    @Inject
    CanaryAccounts(CredentialScope scope, StsClient sts, CanarySettings canary,
            dev.backstop.config.Settings settings) {
        this.scope = scope;
        this.sts = sts;
        this.canary = canary;
        this.home = settings.members().homeAccount().orElse(null);
    }

    CredentialScope.Scope actAs(String account) {
        if (home == null || home.equals(account)) {
            return scope.home();
        }
        return scope.actWith(sessions.computeIfAbsent(account, this::session));
    }

    private AwsCredentialsProvider session(String account) {
        String partition = Partitions.of(sts.serviceClientConfiguration().region());
        String roleArn = "arn:" + partition + ":iam::" + account + ":role/" + canary.memberRoleName();
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts).asyncCredentialUpdateEnabled(false)
                .refreshRequest(request -> request.roleArn(roleArn).roleSessionName(SESSION_NAME)).build();
    }
}
