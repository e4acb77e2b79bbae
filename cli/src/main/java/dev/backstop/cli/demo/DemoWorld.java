package dev.backstop.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.S3BucketDoesNotExistException;
import software.amazon.awssdk.services.cloudtrail.model.TrailAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A small world on the emulators for the demo and the integration tests: an audit table, a
 * topic with a queue subscribed to read notifications, and a trail that logs to a bucket.
 */
public final class DemoWorld {

    /**
     * The resources of one stage, named from a prefix. The world calls the trail by name (moto
     * takes no ARN in StartLogging and StopLogging); events name it by ARN, as AWS's often do.
     */
    public record Stage(String auditTable, String topicArn, String inboxUrl, String trailName, String trailArn) {
    }

    /** One notification as it reached the queue subscribed to the topic. */
    public record Notification(String subject, String message) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final SqsClient sqs;
    private final SnsClient sns;
    private final DynamoDbClient dynamoDb;
    private final CloudTrailClient cloudTrail;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;

    @Inject
    DemoWorld(S3Client s3, SqsClient sqs, SnsClient sns, DynamoDbClient dynamoDb, CloudTrailClient cloudTrail,
            SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        this.s3 = s3;
        this.sqs = sqs;
        this.sns = sns;
        this.dynamoDb = dynamoDb;
        this.cloudTrail = cloudTrail;
        this.http = http;
        this.credentials = credentials;
        this.region = region;
    }

    /** Creates what is missing and returns the stage; safe to call again with the same prefix. */
    public Stage build(String prefix) {
        String table = prefix + "-audit";
        try {
            dynamoDb.createTable(AuditTable.createRequest(table));
        } catch (ResourceInUseException exists) {
            // kept from an earlier run
        }
        dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(table));
        String topicArn = sns.createTopic(request -> request.name(prefix + "-notifications")).topicArn();
        String inboxUrl = sqs.createQueue(request -> request.queueName(prefix + "-inbox")).queueUrl();
        String inboxArn = sqs.getQueueAttributes(request -> request.queueUrl(inboxUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint(inboxArn));
        String trailName = prefix + "-trail";
        String trailArn = createTrail(trailName, prefix + "-trail-logs");
        cloudTrail.startLogging(request -> request.name(trailName));
        return new Stage(table, topicArn, inboxUrl, trailName, trailArn);
    }

    /**
     * The stage with another trail of its own, logging to the stage's bucket: for tests that need
     * many resources behind one audit table and topic.
     */
    public Stage withTrail(Stage stage, String trailName) {
        String trailArn = createTrail(trailName, stage.trailName() + "-logs");
        cloudTrail.startLogging(request -> request.name(trailName));
        return new Stage(stage.auditTable(), stage.topicArn(), stage.inboxUrl(), trailName, trailArn);
    }

    private String createTrail(String trailName, String bucket) {
        createBucket(s3, bucket);
        try {
            return createTrailLoggingTo(trailName, bucket);
        } catch (S3BucketDoesNotExistException bucketNotSeen) {
            // Where CloudTrail is served by another emulator than S3 (moto beside LocalStack), that
            // emulator checks its own S3 for the bucket: create it there too.
            createBucket(s3At(cloudTrailEndpoint()), bucket);
            return createTrailLoggingTo(trailName, bucket);
        }
    }

    private String createTrailLoggingTo(String trailName, String bucket) {
        try {
            return cloudTrail.createTrail(request -> request.name(trailName).s3BucketName(bucket)
                    .isMultiRegionTrail(true).enableLogFileValidation(true)).trailARN();
        } catch (TrailAlreadyExistsException exists) {
            return cloudTrail.getTrail(request -> request.name(trailName)).trail().trailARN();
        }
    }

    private static void createBucket(S3Client client, String bucket) {
        try {
            client.createBucket(request -> request.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // kept from an earlier run
        }
    }

    private URI cloudTrailEndpoint() {
        return cloudTrail.serviceClientConfiguration().endpointOverride()
                .orElseThrow(() -> new IllegalStateException("CloudTrail cannot see the trail bucket"));
    }

    private S3Client s3At(URI endpoint) {
        return S3Client.builder().httpClient(http).credentialsProvider(credentials).region(region)
                .endpointOverride(endpoint).forcePathStyle(true).build();
    }

    /** The S3 client the world was built with, for tests that keep files there. */
    public S3Client s3() {
        return s3;
    }

    /** Someone turns the trail off, as an attacker covering their tracks would. */
    public void stopLogging(Stage stage) {
        cloudTrail.stopLogging(request -> request.name(stage.trailName()));
    }

    /** Turns the stage's trail on again, as a person fixing it by hand would. */
    public void startLogging(Stage stage) {
        cloudTrail.startLogging(request -> request.name(stage.trailName()));
    }

    public boolean isLogging(Stage stage) {
        return cloudTrail.getTrailStatus(request -> request.name(stage.trailName())).isLogging();
    }

    /**
     * The sample StopLogging event, made about this stage's trail in the emulator's account with
     * a fresh event id, as EventBridge would deliver the call just made.
     */
    public byte[] stopLoggingEvent(Path sample, Stage stage) {
        try {
            String account = stage.trailArn().split(":")[4];
            String text = Files.readString(sample);
            String sampleAccount = JSON.readTree(text).path("account").asText();
            ObjectNode event = (ObjectNode) JSON.readTree(sampleAccount.isEmpty() ? text : text.replace(sampleAccount, account));
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            event.put("id", UUID.randomUUID().toString()).put("time", now)
                    .put("region", region.id());
            ObjectNode detail = (ObjectNode) event.get("detail");
            detail.put("eventID", UUID.randomUUID().toString()).put("eventTime", now)
                    .put("awsRegion", region.id());
            detail.putObject("requestParameters").put("name", stage.trailArn());
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample event " + sample, e);
        }
    }

    /** The item with this audit id; a bare event id names its decision ({@link AuditKeys#typed}). */
    public Optional<Map<String, AttributeValue>> auditItem(Stage stage, String auditId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(stage.auditTable())
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(AuditKeys.typed(auditId)))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Every item of the audit table but the chains' heads and list, which are no records. */
    public List<Map<String, AttributeValue>> auditItems(Stage stage) {
        return dynamoDb.scanPaginator(request -> request.tableName(stage.auditTable())).items().stream()
                .filter(item -> !item.get(AuditTable.KEY).s().startsWith(AuditTable.CHAIN_ITEMS_PREFIX))
                .toList();
    }

    /** Waits up to {@code patience} for at least {@code expected} notifications, and takes them off the queue. */
    public List<Notification> notifications(Stage stage, int expected, Duration patience) {
        List<Notification> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(patience);
        while (received.size() < expected && Instant.now().isBefore(deadline)) {
            for (Message message : sqs.receiveMessage(request -> request.queueUrl(stage.inboxUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                received.add(notification(message.body()));
                sqs.deleteMessage(request -> request.queueUrl(stage.inboxUrl()).receiptHandle(message.receiptHandle()));
            }
        }
        return received;
    }

    private static Notification notification(String snsEnvelope) {
        try {
            JsonNode envelope = JSON.readTree(snsEnvelope.getBytes(StandardCharsets.UTF_8));
            return new Notification(envelope.path("Subject").asText(null), envelope.path("Message").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("the queue holds something that is not an SNS notification", e);
        }
    }
}
