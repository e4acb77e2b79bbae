package dev.backstop.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.Layer;
import software.amazon.awssdk.services.lambda.model.ListTagsRequest;
import software.amazon.awssdk.services.lambda.model.ListTagsResponse;
import software.amazon.awssdk.services.lambda.model.RemovePermissionRequest;
import software.amazon.awssdk.services.lambda.model.RemovePermissionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigResponse;

/**
 * Who may reach a Lambda function, at the SDK edge: its resource policy (AddPermission writes a
 * statement as Lambda does: an account id as its root ARN, the source and organization as
 * conditions), its function URL's auth type, its layers and tags. ResourceNotFoundException for a
 * missing function, URL, statement, or for a function without a policy, as Lambda answers;
 * ResourceConflictException for a statement id already used.
 */
public final class FakeLambdaAccess implements LambdaClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Function {
        final Map<String, ObjectNode> statements = new LinkedHashMap<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        List<String> layers = new ArrayList<>();
        String urlAuthType;
    }

    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();

    public FakeLambdaAccess function(String name, String... layers) {
        Function function = new Function();
        function.layers = new ArrayList<>(List.of(layers));
        functions.put(name, function);
        return this;
    }

    public FakeLambdaAccess url(String function, String authType) {
        find(function).urlAuthType = authType;
        return this;
    }

    public FakeLambdaAccess tag(String function, String key, String value) {
        find(function).tags.put(key, value);
        return this;
    }

    public FakeLambdaAccess delete(String function) {
        functions.remove(function);
        return this;
    }

    /** Adds a permission as a call would, outside the action under test. */
    public FakeLambdaAccess permission(AddPermissionRequest request) {
        addPermission(request);
        calls.clear();
        return this;
    }

    public List<String> statementIds(String function) {
        return List.copyOf(find(function).statements.keySet());
    }

    public ObjectNode statement(String function, String sid) {
        return find(function).statements.get(sid);
    }

    public String urlAuthType(String function) {
        return find(function).urlAuthType;
    }

    public List<String> layers(String function) {
        return List.copyOf(find(function).layers);
    }

    /** The mutating calls made, as {@code Operation function detail}. */
    public List<String> calls() {
        return calls;
    }

    @Override
    public GetFunctionConfigurationResponse getFunctionConfiguration(GetFunctionConfigurationRequest request) {
        Function function = find(request.functionName());
        return GetFunctionConfigurationResponse.builder().functionName(name(request.functionName()))
                .functionArn(FakeLambda.arn(name(request.functionName())))
                .layers(function.layers.stream().map(arn -> Layer.builder().arn(arn).codeSize(1024L).build()).toList())
                .build();
    }

    @Override
    public UpdateFunctionConfigurationResponse updateFunctionConfiguration(UpdateFunctionConfigurationRequest request) {
        Function function = find(request.functionName());
        calls.add("UpdateFunctionConfiguration " + name(request.functionName()) + " " + request.layers());
        function.layers = new ArrayList<>(request.layers());
        return UpdateFunctionConfigurationResponse.builder().build();
    }

    @Override
    public GetPolicyResponse getPolicy(GetPolicyRequest request) {
        Function function = find(request.functionName());
        if (function.statements.isEmpty()) {
            throw notFound("The resource you requested does not exist.");
        }
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17").put("Id", "default");
        ArrayNode statements = policy.putArray("Statement");
        function.statements.values().forEach(statements::add);
        return GetPolicyResponse.builder().policy(policy.toString()).revisionId("r1").build();
    }

    @Override
    public AddPermissionResponse addPermission(AddPermissionRequest request) {
        Function function = find(request.functionName());
        calls.add("AddPermission " + name(request.functionName()) + " " + request.statementId());
        if (function.statements.containsKey(request.statementId())) {
            throw ResourceConflictException.builder().statusCode(409)
                    .message("The statement id (" + request.statementId() + ") provided already exists.").build();
        }
        ObjectNode statement = JSON.createObjectNode().put("Sid", request.statementId()).put("Effect", "Allow");
        String principal = request.principal();
        if (principal.equals("*")) {
            statement.put("Principal", "*");
        } else if (principal.matches("\\d{12}")) {
            statement.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
        } else {
            statement.putObject("Principal").put(principal.startsWith("arn:") ? "AWS" : "Service", principal);
        }
        statement.put("Action", request.action()).put("Resource", FakeLambda.arn(name(request.functionName())));
        ObjectNode condition = JSON.createObjectNode();
        if (request.sourceAccount() != null) {
            condition.with("StringEquals").put("AWS:SourceAccount", request.sourceAccount());
        }
        if (request.principalOrgID() != null) {
            condition.with("StringEquals").put("aws:PrincipalOrgID", request.principalOrgID());
        }
        if (request.functionUrlAuthType() != null) {
            condition.with("StringEquals").put("lambda:FunctionUrlAuthType", request.functionUrlAuthTypeAsString());
        }
        if (request.sourceArn() != null) {
            condition.with("ArnLike").put("AWS:SourceArn", request.sourceArn());
        }
        if (!condition.isEmpty()) {
            statement.set("Condition", condition);
        }
        function.statements.put(request.statementId(), statement);
        return AddPermissionResponse.builder().statement(statement.toString()).build();
    }

    @Override
    public RemovePermissionResponse removePermission(RemovePermissionRequest request) {
        Function function = find(request.functionName());
        calls.add("RemovePermission " + name(request.functionName()) + " " + request.statementId());
        if (function.statements.remove(request.statementId()) == null) {
            throw notFound("Statement " + request.statementId() + " is not found in resource policy.");
        }
        return RemovePermissionResponse.builder().build();
    }

    @Override
    public GetFunctionUrlConfigResponse getFunctionUrlConfig(GetFunctionUrlConfigRequest request) {
        Function function = find(request.functionName());
        if (function.urlAuthType == null) {
            throw notFound("The resource you requested does not exist.");
        }
        return GetFunctionUrlConfigResponse.builder().authType(function.urlAuthType)
                .functionUrl("https://example.lambda-url.us-east-1.on.aws/").build();
    }

    @Override
    public UpdateFunctionUrlConfigResponse updateFunctionUrlConfig(UpdateFunctionUrlConfigRequest request) {
        Function function = find(request.functionName());
        calls.add("UpdateFunctionUrlConfig " + name(request.functionName()) + " " + request.authTypeAsString());
        if (function.urlAuthType == null) {
            throw notFound("The resource you requested does not exist.");
        }
        function.urlAuthType = request.authTypeAsString();
        return UpdateFunctionUrlConfigResponse.builder().authType(function.urlAuthType).build();
    }

    @Override
    public ListTagsResponse listTags(ListTagsRequest request) {
        return ListTagsResponse.builder().tags(find(request.resource()).tags).build();
    }

    private Function find(String nameOrArn) {
        Function function = functions.get(name(nameOrArn));
        if (function == null) {
            throw notFound("Function not found: " + FakeLambda.arn(name(nameOrArn)));
        }
        return function;
    }

    private static String name(String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn.split(":")[6] : nameOrArn;
    }

    private static ResourceNotFoundException notFound(String message) {
        return ResourceNotFoundException.builder().statusCode(404).message(message).build();
    }

    @Override
    public String serviceName() {
        return "lambda";
    }

    @Override
    public void close() {
    }
}
