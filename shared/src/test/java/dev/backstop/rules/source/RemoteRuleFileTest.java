package dev.backstop.rules.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.aws.AwsClientsModule;
import dev.backstop.aws.CredentialScope;
import dev.backstop.config.RulesLocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The team's rule file is the home account's, even while a decision acts in a member account. */
class RemoteRuleFileTest {

    /** The SDK's edge: keeps each request's Authorization header, sends nothing. */
    private static final class Recording implements SdkHttpClient {

        final List<String> authorizations = new ArrayList<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            authorizations.add(request.httpRequest().firstMatchingHeader("Authorization").orElse(""));
            throw new IllegalStateException("recorded, not sent");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void readsTheRuleFileAsTheFunctionInsideAMemberAccountsScope() {
        Recording http = new Recording();
        CredentialScope scope = new CredentialScope();
        AwsCredentialsProvider home = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAHOME", "s"));
        // The S3 client as production builds it: on the scoped provider, shared with the S3 actions.
        S3Client s3 = AwsClientsModule.build(S3Client.builder(), http, scope.provider(home), Region.US_EAST_1);
        RemoteRuleFile file = new RemoteRuleFile(RulesLocation.parse("s3://security-rules/team.yaml"), () -> s3, scope);
        AwsCredentials member = AwsBasicCredentials.create("ASIAMEMBER", "s");

        try (CredentialScope.Scope acting = scope.actWith(StaticCredentialsProvider.create(member))) {
            assertThatThrownBy(file::readIfChanged).isNotNull();
        }

        assertThat(http.authorizations).singleElement().asString().contains("Credential=AKIAHOME/");
    }
}
