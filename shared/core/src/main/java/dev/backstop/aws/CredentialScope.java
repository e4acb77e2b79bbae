package dev.backstop.aws;

import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Which credentials the remediation clients sign with on this thread. The clients are built once
 * per container, but a decision about a member account's event must act in that account: the
 * engine opens a scope for the decision and the clients' credentials provider resolves, per
 * request, to the scope's credentials, or to the function's own outside any scope.
 *
 * <pre>{@code
 * try (CredentialScope.Scope scope = credentialScope.actWith(memberRoleSession)) {
 *     iam.updateAccessKey(...);   // signed with the member role's session
 * }
 * }</pre>
 *
 * <p>The audit table, the topic and the STS client that assumes member roles never use this
 * provider: they always sign with the function's own credentials ({@link AwsClientsModule#HOME}).
 */
@Singleton
public final class CredentialScope {

    /** An open scope; closing it puts back what was in force before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private final ThreadLocal<AwsCredentialsProvider> acting = new ThreadLocal<>();

    @Inject
    public CredentialScope() {
    }

    /** Until the scope closes, this thread's remediation clients sign with these credentials. */
    public Scope actWith(AwsCredentialsProvider credentials) {
        AwsCredentialsProvider previous = acting.get();
        acting.set(credentials);
        return () -> {
            if (previous == null) {
                acting.remove();
            } else {
                acting.set(previous);
            }
        };
    }

    /** Until the scope closes, this thread's clients sign with the function's own credentials. */
    public Scope home() {
        return actWith(null);
    }

    /** The provider the remediation clients are built with: the scope's credentials, else {@code home}. */
    public AwsCredentialsProvider provider(AwsCredentialsProvider home) {
        return new Scoped(home);
    }

    private final class Scoped implements AwsCredentialsProvider {

        private final AwsCredentialsProvider home;

        Scoped(AwsCredentialsProvider home) {
            this.home = home;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            AwsCredentialsProvider current = acting.get();
            return (current != null ? current : home).resolveCredentials();
        }

        @Override
        public String toString() {
            return "CredentialScope(home: " + home + ")";
        }
    }
}
