package dev.backstop.tests;

import dev.backstop.aws.AwsClientsModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Functions, versions and aliases on the emulators' Lambda (moto serves it without Docker: never
 * an invocation). Lambda checks a function's role in the IAM of the emulator that serves Lambda,
 * so the runtime role is made there.
 */
public final class MotoFunctions {

    private final LambdaClient lambda;
    private final String roleArn;

    public MotoFunctions(Region region) {
        lambda = AwsClientsModule.build(LambdaClient.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), region);
        String lambdaEndpoint = System.getenv().getOrDefault("AWS_ENDPOINT_URL_LAMBDA", System.getenv("AWS_ENDPOINT_URL"));
        try (IamClient iam = IamClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .endpointOverride(URI.create(lambdaEndpoint)).build()) {
            roleArn = iam.createRole(request -> request.roleName(Emulators.uniquePrefix("lambda-it-runtime"))
                    .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role().arn();
        }
    }

    public LambdaClient client() {
        return lambda;
    }

    public static SdkBytes code(String release) {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("index.py"));
            out.write(("def handler(event, context):\n    return '" + release + "'\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return SdkBytes.fromByteArray(zip.toByteArray());
    }

    /** Creates the function at "release 1"; returns its ARN. */
    public String create(String name) {
        return lambda.createFunction(request -> request.functionName(name).runtime(Runtime.PYTHON3_12).role(roleArn)
                .handler("index.handler").code(code -> code.zipFile(code("release 1")))).functionArn();
    }

    public String publish(String name) {
        return lambda.publishVersion(request -> request.functionName(name)).version();
    }

    public String aliasVersion(String name) {
        return lambda.getAlias(request -> request.functionName(name).name("live")).functionVersion();
    }
}
