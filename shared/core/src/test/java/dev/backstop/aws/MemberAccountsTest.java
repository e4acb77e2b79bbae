package dev.backstop.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.rules.RoleSession;
import dev.backstop.testing.FakeSts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The remediation clients sign with the credentials of the account the engine acts in, request by
 * request; the audit table's client always signs as the function. Real SDK clients and signer,
 * STS and the network faked at the SDK edge.
 */
class MemberAccountsTest {

    private static final String HOME = "999999999999";
    private static final String MEMBER = "111122223333";
    private static final String OTHER_MEMBER = "222233334444";
    private static final Pattern SIGNED_BY = Pattern.compile("Credential=([^/]+)/");

    /** The SDK's edge: keeps the access key id each request was signed with, and sends nothing. */
    private static final class SigningKeys implements SdkHttpClient {

        final List<String> keys = new ArrayList<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            String authorization = request.httpRequest().firstMatchingHeader("Authorization").orElse("");
            Matcher key = SIGNED_BY.matcher(authorization);
            keys.add(key.find() ? key.group(1) : "unsigned");
            throw new IllegalStateException("recorded, not sent");
        }

        @Override
        public void close() {
        }
    }

    private final SigningKeys http = new SigningKeys();
    private final FakeSts sts = new FakeSts(Instant.now());
    private final CredentialScope scope = new CredentialScope();
    private final AwsCredentialsProvider home = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAHOME", "s"));
    private final CloudTrailClient cloudTrail = AwsClientsModule.build(CloudTrailClient.builder(), http,
            AwsClientsModule.credentials(scope, home), Region.US_EAST_1);
    private final DynamoDbClient auditTable = AwsClientsModule.dynamoDb(http, home, Region.US_EAST_1);

    private MemberAccounts accounts(Optional<String> externalId) {
        MemberAccess access = new MemberAccess(Optional.of(HOME), Set.of(MEMBER, OTHER_MEMBER),
                Optional.of("BackstopRemediation"), externalId);
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:" + HOME + ":t", Mode.ENFORCE, List.of())
                .withMembers(access);
        return new MemberAccounts(settings, scope, () -> sts);
    }

    private String signingKey(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException expected) {
            // the edge refuses to send
        }
        return http.keys.remove(http.keys.size() - 1);
    }

    private String cloudTrailKey() {
        return signingKey(() -> cloudTrail.getTrailStatus(r -> r.name("trail")));
    }

    @Test
    void backstopsOwnSessionsAreTheMemberRoleWithItsSessionNameInEachMember() {
        assertThat(accounts(Optional.empty()).ownSessions()).containsExactly(
                new RoleSession(MEMBER, "BackstopRemediation", MemberAccess.SESSION_NAME),
                new RoleSession(OTHER_MEMBER, "BackstopRemediation", MemberAccess.SESSION_NAME));
    }

    @Test
    void outsideAnyScopeTheClientsSignAsTheFunction() {
        assertThat(cloudTrailKey()).isEqualTo("AKIAHOME");
        assertThat(sts.requests()).isEmpty();
    }

    @Test
    void inAMemberAccountTheClientsSignWithTheAssumedMemberRoleSession() {
        MemberAccounts accounts = accounts(Optional.of("backstop-2f7c"));

        try (CredentialScope.Scope member = accounts.actAs(MEMBER)) {
            assertThat(cloudTrailKey()).isEqualTo(FakeSts.accessKeyFor(MEMBER));
        }

        assertThat(sts.requests()).singleElement().satisfies(request -> {
            assertThat(request.roleArn()).isEqualTo("arn:aws:iam::" + MEMBER + ":role/BackstopRemediation");
            assertThat(request.roleSessionName()).isEqualTo("backstop-remediation");
            assertThat(request.externalId()).isEqualTo("backstop-2f7c");
        });
        assertThat(cloudTrailKey()).as("after the scope").isEqualTo("AKIAHOME");
    }

    @Test
    void anOperatorAssumesTheMemberRoleWithASessionOfItsOwnWhichIsNeverTakenForBackstops() {
        MemberAccess access = new MemberAccess(Optional.of(HOME), Set.of(MEMBER), Optional.of("BackstopRemediation"),
                Optional.empty()).operator("alice smith");
        MemberAccounts operator = new MemberAccounts(new Settings("audit", "arn:aws:sns:us-east-1:" + HOME + ":t",
                Mode.ENFORCE, List.of()).withMembers(access), scope, () -> sts);

        try (CredentialScope.Scope member = operator.actAs(MEMBER)) {
            cloudTrailKey();
        }

        assertThat(sts.requests()).singleElement().satisfies(request ->
                assertThat(request.roleSessionName()).isEqualTo("backstop-operator-alice-smith"));
        RoleSession own = operator.ownSessions().get(0);
        assertThat(own.sessionName()).isEqualTo(MemberAccess.SESSION_NAME);
        assertThat(own.matches(assumed(MEMBER, "backstop-operator-alice-smith"))).isFalse();
        assertThat(own.matches(assumed(MEMBER, MemberAccess.SESSION_NAME))).isTrue();
    }

    private static dev.backstop.event.UserIdentity assumed(String account, String session) {
        return new dev.backstop.event.UserIdentity("AssumedRole", null,
                "arn:aws:sts::" + account + ":assumed-role/BackstopRemediation/" + session, account, null, null, null,
                new dev.backstop.event.SessionIssuer("Role", null, "arn:aws:iam::" + account + ":role/BackstopRemediation",
                        account, null), null, null);
    }

    @Test
    void theAuditTableIsWrittenAsTheFunctionEvenWhileActingInAMember() {
        MemberAccounts accounts = accounts(Optional.empty());

        try (CredentialScope.Scope member = accounts.actAs(MEMBER)) {
            assertThat(signingKey(() -> auditTable.getItem(r -> r.tableName("audit")))).isEqualTo("AKIAHOME");
        }
    }

    @Test
    void theTeamsRuleFileIsReadAsTheFunctionEvenWhileActingInAMember() {
        S3ObjectReader ruleFiles = AwsClientsModule.s3Objects(http, home, Region.US_EAST_1);
        MemberAccounts accounts = accounts(Optional.empty());

        try (CredentialScope.Scope member = accounts.actAs(MEMBER)) {
            assertThat(signingKey(() -> ruleFiles.readIfChanged("security-rules", "team.yaml", null)))
                    .isEqualTo("AKIAHOME");
        }
    }

    @Test
    void theHomeAccountIsActedInAsTheFunctionWithoutAssumingARole() {
        try (CredentialScope.Scope homeScope = accounts(Optional.empty()).actAs(HOME)) {
            assertThat(cloudTrailKey()).isEqualTo("AKIAHOME");
        }
        assertThat(sts.requests()).isEmpty();
    }

    @Test
    void eachMemberSessionIsAssumedOnceAndKeptWithoutAnExternalIdWhenNoneIsSet() {
        MemberAccounts accounts = accounts(Optional.empty());

        for (int i = 0; i < 3; i++) {
            try (CredentialScope.Scope member = accounts.actAs(MEMBER)) {
                cloudTrailKey();
            }
        }
        try (CredentialScope.Scope other = accounts.actAs(OTHER_MEMBER)) {
            assertThat(cloudTrailKey()).isEqualTo(FakeSts.accessKeyFor(OTHER_MEMBER));
        }

        assertThat(sts.requests()).extracting(request -> request.roleArn().split(":")[4])
                .containsExactly(MEMBER, OTHER_MEMBER);
        assertThat(sts.requests()).allSatisfy(request -> assertThat(request.externalId()).isNull());
    }

    @Test
    void aHomeScopeInsideAMemberScopeSignsAsTheFunctionUntilItCloses() {
        MemberAccounts accounts = accounts(Optional.empty());

        try (CredentialScope.Scope member = accounts.actAs(MEMBER)) {
            try (CredentialScope.Scope rulesRead = scope.home()) {
                assertThat(cloudTrailKey()).isEqualTo("AKIAHOME");
            }
            assertThat(cloudTrailKey()).isEqualTo(FakeSts.accessKeyFor(MEMBER));
        }
    }

    @Test
    void anOperatorReachesAMemberThroughItsRoleAndAnyOtherAccountOnlyWithItsOwnCredentials() {
        MemberAccounts accounts = accounts(Optional.empty());
        sts.callerIn(HOME);

        accounts.requireReachable(MEMBER);
        accounts.requireReachable(HOME);
        sts.callerIn(OTHER_MEMBER);
        assertThatThrownBy(() -> accounts.requireReachable(HOME))
                .hasMessageStartingWith("the record is of account " + HOME + ", but these credentials act in account "
                        + OTHER_MEMBER);
        assertThatThrownBy(() -> accounts.requireReachable("123456789012"))
                .hasMessage("account 123456789012 is not on the allowlist");
    }

    @Test
    void withoutAnAllowlistTheCredentialsMustBeOfTheRecordsAccount() {
        Settings oneAccount = new Settings("audit", "arn:aws:sns:us-east-1:" + HOME + ":t", Mode.ENFORCE, List.of());
        MemberAccounts accounts = new MemberAccounts(oneAccount, scope, () -> sts.callerIn(HOME));

        accounts.requireReachable(HOME);
        assertThatThrownBy(() -> accounts.requireReachable(MEMBER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("these credentials act in account " + HOME);
    }

    @Test
    void anAccountNotOnTheAllowlistIsNeverActedIn() {
        MemberAccounts accounts = accounts(Optional.empty());

        assertThat(accounts.allows("123456789012")).isFalse();
        assertThatThrownBy(() -> accounts.actAs("123456789012")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("account 123456789012 is not on the allowlist");
        assertThat(sts.requests()).isEmpty();
    }
}
