package dev.backstop.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasRequest;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ListTagsRequest;
import software.amazon.awssdk.services.lambda.model.ListTagsResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionRequest;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateAliasRequest;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;

/**
 * Lambda functions, published versions and aliases at the SDK edge, behaving as AWS documents
 * it: {@code ResourceNotFoundException} for a missing function, alias or version, a new revision
 * id on every alias change and {@code PreconditionFailedException} for a stale one. Versions page
 * two at a time, so callers must follow the marker.
 */
public final class FakeLambda implements LambdaClient {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";

    private record Alias(String version, Map<String, Double> weights, String revision) {
    }

    private record Function(List<String> versions, Map<String, Alias> aliases, Map<String, String> tags) {
    }

    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, Integer> reserved = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private Supplier<RuntimeException> updateFault;

    /** A function with these published versions ($LATEST is always there). */
    public FakeLambda function(String name, String... versions) {
        List<String> all = new ArrayList<>(List.of("$LATEST"));
        all.addAll(List.of(versions));
        functions.put(name, new Function(all, new LinkedHashMap<>(), new LinkedHashMap<>()));
        return this;
    }

    public FakeLambda alias(String function, String alias, String version, Map<String, Double> weights) {
        functions.get(function).aliases().put(alias, new Alias(version, Map.copyOf(weights), UUID.randomUUID().toString()));
        return this;
    }

    public FakeLambda alias(String function, String alias, String version) {
        return alias(function, alias, version, Map.of());
    }

    public FakeLambda tag(String function, String key, String value) {
        functions.get(function).tags().put(key, value);
        return this;
    }

    public FakeLambda deleteFunction(String function) {
        functions.remove(function);
        reserved.remove(function);
        return this;
    }

    /** The function's reserved concurrency (0 holds it back from running at all). */
    public FakeLambda reserve(String function, int concurrency) {
        function(function);
        reserved.put(function, concurrency);
        return this;
    }

    /** The function's reserved concurrency, or null when it has none. */
    public Integer reservedOf(String function) {
        return reserved.get(name(function));
    }

    public FakeLambda failNextUpdateWith(Supplier<RuntimeException> fault) {
        this.updateFault = fault;
        return this;
    }

    /** Where the alias points now: the version, and its weights where it has any. */
    public String versionOf(String function, String alias) {
        Alias found = functions.get(function).aliases().get(alias);
        return found.weights().isEmpty() ? found.version() : found.version() + " " + new TreeMap<>(found.weights());
    }

    public List<String> calls() {
        return calls;
    }

    public static String arn(String function) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function;
    }

    @Override
    public GetAliasResponse getAlias(GetAliasRequest request) {
        calls.add("GetAlias " + request.functionName() + ":" + request.name());
        Alias alias = alias(request.functionName(), request.name());
        return GetAliasResponse.builder().aliasArn(arn(name(request.functionName())) + ":" + request.name())
                .name(request.name()).functionVersion(alias.version()).revisionId(alias.revision())
                .routingConfig(routing -> routing.additionalVersionWeights(alias.weights())).build();
    }

    @Override
    public UpdateAliasResponse updateAlias(UpdateAliasRequest request) {
        calls.add("UpdateAlias " + request.functionName() + ":" + request.name() + " -> " + request.functionVersion());
        if (updateFault != null) {
            RuntimeException fault = updateFault.get();
            updateFault = null;
            throw fault;
        }
        Alias alias = alias(request.functionName(), request.name());
        if (request.revisionId() != null && !request.revisionId().equals(alias.revision())) {
            throw PreconditionFailedException.builder().statusCode(412)
                    .message("The Revision Id provided does not match the latest Revision Id.").build();
        }
        Function function = function(request.functionName());
        if (!function.versions().contains(request.functionVersion())) {
            throw notFound("Function not found: " + arn(name(request.functionName())) + ":" + request.functionVersion());
        }
        Map<String, Double> weights = request.routingConfig() == null ? alias.weights()
                : request.routingConfig().additionalVersionWeights();
        function.aliases().put(request.name(), new Alias(request.functionVersion(), Map.copyOf(weights),
                UUID.randomUUID().toString()));
        return UpdateAliasResponse.builder().functionVersion(request.functionVersion()).build();
    }

    /** A version's configuration; its code's digest is {@link #codeSha256(String)} of the version. */
    @Override
    public GetFunctionConfigurationResponse getFunctionConfiguration(GetFunctionConfigurationRequest request) {
        String version = request.qualifier() == null ? "$LATEST" : request.qualifier();
        calls.add("GetFunctionConfiguration " + request.functionName() + ":" + version);
        if (!function(request.functionName()).versions().contains(version)) {
            throw notFound("Function not found: " + arn(name(request.functionName())) + ":" + version);
        }
        return GetFunctionConfigurationResponse.builder().functionArn(arn(name(request.functionName())) + ":" + version)
                .version(version).codeSha256(codeSha256(version)).build();
    }

    /** The digest this fake gives the code of a version. */
    public static String codeSha256(String version) {
        return "sha256-of-" + version;
    }

    @Override
    public ListVersionsByFunctionResponse listVersionsByFunction(ListVersionsByFunctionRequest request) {
        calls.add("ListVersionsByFunction " + request.functionName());
        List<String> versions = function(request.functionName()).versions();
        int from = request.marker() == null ? 0 : Integer.parseInt(request.marker());
        int to = Math.min(versions.size(), from + 2);
        return ListVersionsByFunctionResponse.builder()
                .versions(versions.subList(from, to).stream()
                        .map(version -> FunctionConfiguration.builder().version(version).build()).toList())
                .nextMarker(to < versions.size() ? Integer.toString(to) : null).build();
    }

    @Override
    public ListTagsResponse listTags(ListTagsRequest request) {
        calls.add("ListTags " + request.resource());
        return ListTagsResponse.builder().tags(function(request.resource()).tags()).build();
    }

    @Override
    public GetFunctionConcurrencyResponse getFunctionConcurrency(GetFunctionConcurrencyRequest request) {
        calls.add("GetFunctionConcurrency " + request.functionName());
        function(request.functionName());
        return GetFunctionConcurrencyResponse.builder()
                .reservedConcurrentExecutions(reserved.get(name(request.functionName()))).build();
    }

    @Override
    public PutFunctionConcurrencyResponse putFunctionConcurrency(PutFunctionConcurrencyRequest request) {
        calls.add("PutFunctionConcurrency " + request.functionName() + " " + request.reservedConcurrentExecutions());
        function(request.functionName());
        reserved.put(name(request.functionName()), request.reservedConcurrentExecutions());
        return PutFunctionConcurrencyResponse.builder()
                .reservedConcurrentExecutions(request.reservedConcurrentExecutions()).build();
    }

    @Override
    public DeleteFunctionConcurrencyResponse deleteFunctionConcurrency(DeleteFunctionConcurrencyRequest request) {
        calls.add("DeleteFunctionConcurrency " + request.functionName());
        function(request.functionName());
        reserved.remove(name(request.functionName()));
        return DeleteFunctionConcurrencyResponse.builder().build();
    }

    private Alias alias(String function, String alias) {
        Alias found = function(function).aliases().get(alias);
        if (found == null) {
            throw notFound("Cannot find alias arn: " + arn(name(function)) + ":" + alias);
        }
        return found;
    }

    private Function function(String nameOrArn) {
        Function found = functions.get(name(nameOrArn));
        if (found == null) {
            throw notFound("Function not found: " + arn(name(nameOrArn)));
        }
        return found;
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
