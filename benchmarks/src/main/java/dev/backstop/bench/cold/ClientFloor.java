package dev.backstop.bench.cold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The floor under a cold start: a fresh JVM that makes only the calls a dry-run StopLogging
 * decision makes (a conditional put, the trail, its status and tags, a read, an update, a put,
 * a publish), none of Backstop's own work, either through the SDK's generated clients
 * ({@code sdk}) or as signed HTTP calls through the same SigV4 signer and HTTP client
 * ({@code signed}), the way {@code SignedS3ObjectReader} reads the rule file. Prints one
 * {@code FLOOR} line; {@link FloorRuns} runs it.
 */
public final class ClientFloor {

    private static final String DYNAMODB_JSON = "application/x-amz-json-1.0";
    private static final String CLOUDTRAIL_JSON = "application/x-amz-json-1.1";
    private static final String CLOUDTRAIL = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";

    private ClientFloor() {
    }

    /** {@code sdk|signed TABLE TOPIC-ARN TRAIL-NAME} */
    public static void main(String[] args) {
        if (args.length != 4 || !List.of("sdk", "signed").contains(args[0])) {
            throw new IllegalArgumentException("usage: ClientFloor sdk|signed TABLE TOPIC-ARN TRAIL-NAME");
        }
        long start = System.nanoTime();
        Runnable decision = args[0].equals("sdk") ? sdk(args[1], args[2], args[3]) : signed(args[1], args[2], args[3]);
        long built = System.nanoTime();
        decision.run();
        long done = System.nanoTime();
        System.out.println(ColdStart.FIRST_EVENT_DONE);
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        System.out.printf("FLOOR clients_ms=%.1f calls_ms=%.1f cpu_ms=%d%n", (built - start) / 1e6, (done - built) / 1e6, cpu);
    }

    private static Runnable sdk(String table, String topic, String trail) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(http).build();
        SnsClient sns = SnsClient.builder().httpClient(http).build();
        CloudTrailClient cloudTrail = CloudTrailClient.builder().httpClient(http).build();
        return () -> {
            String id = "floor-" + System.nanoTime();
            Map<String, AttributeValue> key = Map.of("auditId", AttributeValue.fromS(id));
            dynamoDb.putItem(request -> request.tableName(table).item(key).conditionExpression("attribute_not_exists(auditId)"));
            cloudTrail.getTrail(request -> request.name(trail));
            cloudTrail.getTrailStatus(request -> request.name(trail));
            cloudTrail.listTags(request -> request.resourceIdList(trail));
            dynamoDb.getItem(request -> request.tableName(table).key(key).consistentRead(true));
            dynamoDb.updateItem(request -> request.tableName(table).key(key).updateExpression("SET note = :note")
                    .expressionAttributeValues(Map.of(":note", AttributeValue.fromS("sent"))));
            dynamoDb.putItem(request -> request.tableName(table).item(Map.of("auditId", AttributeValue.fromS(id + "#head"))));
            sns.publish(request -> request.topicArn(topic).message("{\"floor\":true}"));
        };
    }

    private static Runnable signed(String table, String topic, String trail) {
        Signed calls = new Signed(UrlConnectionHttpClient.create());
        return () -> {
            String id = "floor-" + System.nanoTime();
            String key = "{\"auditId\":{\"S\":\"" + id + "\"}}";
            calls.json("dynamodb", "DynamoDB_20120810.PutItem", DYNAMODB_JSON, "{\"TableName\":\"" + table + "\",\"Item\":" + key
                    + ",\"ConditionExpression\":\"attribute_not_exists(auditId)\"}");
            calls.json("cloudtrail", CLOUDTRAIL + "GetTrail", CLOUDTRAIL_JSON, "{\"Name\":\"" + trail + "\"}");
            calls.json("cloudtrail", CLOUDTRAIL + "GetTrailStatus", CLOUDTRAIL_JSON, "{\"Name\":\"" + trail + "\"}");
            calls.json("cloudtrail", CLOUDTRAIL + "ListTags", CLOUDTRAIL_JSON, "{\"ResourceIdList\":[\"" + trail + "\"]}");
            calls.json("dynamodb", "DynamoDB_20120810.GetItem", DYNAMODB_JSON, "{\"TableName\":\"" + table + "\",\"Key\":" + key
                    + ",\"ConsistentRead\":true}");
            calls.json("dynamodb", "DynamoDB_20120810.UpdateItem", DYNAMODB_JSON, "{\"TableName\":\"" + table + "\",\"Key\":" + key
                    + ",\"UpdateExpression\":\"SET note = :note\",\"ExpressionAttributeValues\":{\":note\":{\"S\":\"sent\"}}}");
            calls.json("dynamodb", "DynamoDB_20120810.PutItem", DYNAMODB_JSON, "{\"TableName\":\"" + table
                    + "\",\"Item\":{\"auditId\":{\"S\":\"" + id + "#head\"}}}");
            calls.call("sns", null, "application/x-www-form-urlencoded; charset=utf-8", "Action=Publish&Version=2010-03-31&TopicArn="
                    + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "&Message=" + URLEncoder.encode("{\"floor\":true}",
                    StandardCharsets.UTF_8));
        };
    }

    /** One signed POST per call; the reply is read whole and its JSON tokenised, as a client would. */
    private record Signed(SdkHttpClient http) {
        private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
        private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

        void json(String service, String target, String contentType, String body) {
            byte[] reply = call(service, target, contentType, body);
            try (var parser = JSON.createParser(reply)) {
                while (parser.nextToken() != null) {
                    // every token read, as a client's unmarshaller would
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] call(String service, String target, String contentType, String body) {
            String endpoint = System.getenv("AWS_ENDPOINT_URL_" + service.toUpperCase(java.util.Locale.ROOT));
            URI uri = URI.create(endpoint != null ? endpoint : System.getenv("AWS_ENDPOINT_URL"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri).encodedPath("/")
                    .putHeader("Content-Type", contentType).contentStreamProvider(ContentStreamProvider.fromByteArray(bytes));
            if (target != null) {
                builder.putHeader("X-Amz-Target", target);
            }
            SdkHttpFullRequest request = builder.build();
            SdkHttpRequest signed = SIGNER.sign(sign -> sign.identity(EnvironmentVariableCredentialsProvider.create().resolveCredentials())
                    .request(request).payload(request.contentStreamProvider().orElseThrow())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, Region.of(System.getenv("AWS_REGION")).id())).request();
            try {
                HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed)
                        .contentStreamProvider(request.contentStreamProvider().orElseThrow()).build()).call();
                byte[] reply;
                try (InputStream in = response.responseBody().orElseThrow()) {
                    reply = in.readAllBytes();
                }
                if (response.httpResponse().statusCode() != 200) {
                    throw new IllegalStateException(service + " " + target + ": HTTP " + response.httpResponse().statusCode() + " "
                            + new String(reply, StandardCharsets.UTF_8));
                }
                return reply;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
