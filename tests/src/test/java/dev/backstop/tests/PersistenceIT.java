package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.handlers.iam.IamHandler;
import dev.backstop.handlers.lambda.LambdaHandler;
import dev.backstop.tests.SampleDelivery.Decision;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Ways back in, taken away through the real IAM and Lambda handlers and SDK clients on the
 * emulators, read back after the fix and after an operator's undo: a role's trust handed to an
 * outside account and a key made for another user (LocalStack's IAM), and a function opened to everyone by a permission or a
 * public URL (moto's Lambda). Account 444455556666 is trusted; 999988887777 is not.
 */
class PersistenceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_ACCOUNT = "123456789012";
    private static final String OUTSIDE = "999988887777";
    private static final String PARTNER = "444455556666";

    private static DemoWorld world;
    private static Stage stage;
    private static IamClient iam;
    private static MotoFunctions functions;
    private static String account;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        stage = world.build(Emulators.uniquePrefix("persistence"));
        account = stage.trailArn().split(":")[4];
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        iam = AwsClientsModule.build(IamClient.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), region);
        functions = new MotoFunctions(region);
    }

    private static Settings settings() {
        return new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of())
                .withTrusted(new TrustedSet(Optional.empty(), Set.of(PARTNER)));
    }

    // ----------------------------------------------------------------------------- IAM (LocalStack)

    @Test
    void aTrustHandedToAnOutsideAccountIsReplacedByTheRolesLastTrustedPolicyAndUndoHandsItBack() throws IOException {
        String role = Emulators.uniquePrefix("ci-deployer");
        String trusted = trustPolicy("{\"Service\": \"codebuild.amazonaws.com\"}",
                "{\"AWS\": \"arn:aws:iam::" + PARTNER + ":root\"}");
        String outside = trustPolicy("{\"Service\": \"codebuild.amazonaws.com\"}",
                "{\"AWS\": \"arn:aws:iam::" + OUTSIDE + ":root\"}");
        iam.createRole(request -> request.roleName(role).assumeRolePolicyDocument(trusted));
        Map<String, String> names = Map.of("ci-deployer", role, SAMPLE_ACCOUNT, account);

        Decision recorded = SampleDelivery.deliver(world, stage, settings(), IamHandler::new,
                "iam/update-assume-role-policy-outside.json", names, policy(trusted));
        assertThat(recorded.outcome()).as("a trust of trusted principals only").isEqualTo("NO_MATCH");

        iam.updateAssumeRolePolicy(request -> request.roleName(role).policyDocument(outside));
        Decision decision = SampleDelivery.deliver(world, stage, settings(), IamHandler::new,
                "iam/update-assume-role-policy-outside.json", names, policy(outside));

        assertThat(decision.outcome()).isEqualTo("REMEDIATED");
        assertThat(trustOf(role)).isEqualTo(JSON.readTree(trusted));
        JsonNode undo = decision.action("iam.restore-trust-policy").path("undo");
        assertThat(undo.path("undoVersion").asInt()).isEqualTo(2);
        assertThat(undo.path("roleName").asText()).isEqualTo(role);
        assertThat(JSON.readTree(undo.path("previousDocument").asText())).isEqualTo(JSON.readTree(outside));
        assertThat(decision.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(trustOf(role)).isEqualTo(JSON.readTree(outside));
    }

    @Test
    void withoutHistoryOnlyTheOutsidePrincipalIsTakenOutOfTheTrust() throws IOException {
        String role = Emulators.uniquePrefix("ci-deployer");
        String outside = trustPolicy("{\"Service\": \"codebuild.amazonaws.com\"}",
                "{\"AWS\": \"arn:aws:iam::" + OUTSIDE + ":root\"}");
        iam.createRole(request -> request.roleName(role).assumeRolePolicyDocument(outside));

        Decision decision = SampleDelivery.deliver(world, stage, settings(), IamHandler::new,
                "iam/update-assume-role-policy-outside.json", Map.of("ci-deployer", role, SAMPLE_ACCOUNT, account),
                policy(outside));

        assertThat(decision.outcome()).isEqualTo("REMEDIATED");
        assertThat(principals(trustOf(role))).containsExactly("{\"Service\":\"codebuild.amazonaws.com\"}");
        assertThat(decision.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(trustOf(role)).isEqualTo(JSON.readTree(outside));
    }

    @Test
    void aKeyCreatedForAnotherUserIsDeactivatedAndUndoSwitchesItBackOn() {
        String user = Emulators.uniquePrefix("alice");
        iam.createUser(request -> request.userName(user));
        String key = iam.createAccessKey(request -> request.userName(user)).accessKey().accessKeyId();

        Decision decision = SampleDelivery.deliver(world, stage, settings(), IamHandler::new,
                "iam/create-access-key-for-another-user.json", Map.of("AKIA4EXAMPLEALICE002", key, "alice", user,
                        SAMPLE_ACCOUNT, account), e -> { });

        assertThat(decision.outcome()).isEqualTo("REMEDIATED");
        assertThat(keyStatus(user, key)).isEqualTo(StatusType.INACTIVE);
        assertThat(decision.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(keyStatus(user, key)).isEqualTo(StatusType.ACTIVE);
    }

    // ----------------------------------------------------------------------------- Lambda (moto)

    @Test
    void aPermissionForEveryoneIsRemovedByItsIdAndUndoAddsItBack() throws IOException {
        String function = Emulators.uniquePrefix("orders-api");
        String functionAccount = functions.create(function).split(":")[4];
        LambdaClient lambda = functions.client();
        lambda.addPermission(request -> request.functionName(function).statementId("partner-invoke")
                .action("lambda:InvokeFunction").principal(PARTNER));
        lambda.addPermission(request -> request.functionName(function).statementId("open-invoke")
                .action("lambda:InvokeFunction").principal("*"));

        Decision decision = SampleDelivery.deliver(world, stage, settings(), LambdaHandler::new,
                "lambda/add-permission-public.json", Map.of("orders-api", function, SAMPLE_ACCOUNT, functionAccount),
                e -> { });

        assertThat(decision.outcome()).isEqualTo("REMEDIATED");
        assertThat(statementIds(lambda, function)).containsExactly("partner-invoke");
        assertThat(decision.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(statementIds(lambda, function)).containsExactlyInAnyOrder("partner-invoke", "open-invoke");
    }

    @Test
    void aPublicFunctionUrlIsPutBehindIamAndUndoOpensItAgain() {
        String function = Emulators.uniquePrefix("orders-api");
        String functionAccount = functions.create(function).split(":")[4];
        LambdaClient lambda = functions.client();
        lambda.createFunctionUrlConfig(request -> request.functionName(function).authType(FunctionUrlAuthType.NONE));

        Decision decision = SampleDelivery.deliver(world, stage, settings(), LambdaHandler::new,
                "lambda/create-function-url-config-none.json", Map.of("orders-api", function, SAMPLE_ACCOUNT,
                        functionAccount), e -> { });

        assertThat(decision.outcome()).isEqualTo("REMEDIATED");
        assertThat(urlAuth(lambda, function)).isEqualTo(FunctionUrlAuthType.AWS_IAM);
        assertThat(decision.undo().outcome()).isEqualTo(Outcome.UNDONE);
        assertThat(urlAuth(lambda, function)).isEqualTo(FunctionUrlAuthType.NONE);
    }

    // ----------------------------------------------------------------------------- helpers

    private static String trustPolicy(String... principals) {
        List<String> statements = new ArrayList<>();
        for (String principal : principals) {
            statements.add("{\"Effect\": \"Allow\", \"Principal\": " + principal + ", \"Action\": \"sts:AssumeRole\"}");
        }
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(", ", statements) + "]}";
    }

    /** Puts the policy the call set into the sample, as CloudTrail records it (a JSON string). */
    private static java.util.function.Consumer<ObjectNode> policy(String document) {
        return event -> ((ObjectNode) event.path("detail").path("requestParameters")).put("policyDocument", document);
    }

    /** The role's trust policy as IAM returns it (URL-encoded). */
    private static JsonNode trustOf(String role) throws IOException {
        return JSON.readTree(URLDecoder.decode(iam.getRole(request -> request.roleName(role)).role()
                .assumeRolePolicyDocument(), StandardCharsets.UTF_8));
    }

    private static StatusType keyStatus(String user, String key) {
        return iam.listAccessKeys(request -> request.userName(user)).accessKeyMetadata().stream()
                .filter(metadata -> metadata.accessKeyId().equals(key)).findFirst().orElseThrow().status();
    }

    private static List<String> principals(JsonNode policy) {
        List<String> principals = new ArrayList<>();
        policy.path("Statement").forEach(statement -> principals.add(statement.path("Principal").toString()));
        return principals;
    }

    private static List<String> statementIds(LambdaClient lambda, String function) throws IOException {
        List<String> ids = new ArrayList<>();
        try {
            JSON.readTree(lambda.getPolicy(request -> request.functionName(function)).policy()).path("Statement")
                    .forEach(statement -> ids.add(statement.path("Sid").asText()));
        } catch (ResourceNotFoundException none) {
            return ids;
        }
        return ids;
    }

    private static FunctionUrlAuthType urlAuth(LambdaClient lambda, String function) {
        return lambda.getFunctionUrlConfig(request -> request.functionName(function)).authType();
    }
}
