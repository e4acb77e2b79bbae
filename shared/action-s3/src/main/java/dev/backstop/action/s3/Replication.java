package dev.backstop.action.s3;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;

/**
 * A bucket's replication configuration as S3 reads and writes it, and as JSON for undo data (the
 * SDK's serializable builders, the form it offers serialisation frameworks), and the buckets this
 * account owns, which a destination without an account is checked against.
 */
final class Replication {

    /** What a bucket's replication is now: gone with the bucket, none, or a configuration. */
    record Read(boolean bucketExists, Optional<ReplicationConfiguration> configuration) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final S3Client s3;

    @Inject
    Replication(S3Client s3) {
        this.s3 = s3;
    }

    Read read(String bucket) {
        try {
            return new Read(true, Optional.of(s3.getBucketReplication(request -> request.bucket(bucket))
                    .replicationConfiguration()));
        } catch (AwsServiceException e) {
            if (Buckets.isError(e, "ReplicationConfigurationNotFoundError")) {
                return new Read(true, Optional.empty());
            }
            if (Buckets.isError(e, Buckets.NO_SUCH_BUCKET)) {
                return new Read(false, Optional.empty());
            }
            throw e;
        }
    }

    void put(String bucket, ReplicationConfiguration configuration) {
        s3.putBucketReplication(request -> request.bucket(bucket).replicationConfiguration(configuration));
    }

    void delete(String bucket) {
        s3.deleteBucketReplication(request -> request.bucket(bucket));
    }

    /** The names of the buckets the account acting owns. */
    Set<String> ownBuckets() {
        return s3.listBucketsPaginator(request -> { }).buckets().stream().map(Bucket::name).collect(Collectors.toSet());
    }

    static String json(ReplicationConfiguration configuration) {
        try {
            return JSON.writeValueAsString(configuration.toBuilder());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a replication configuration is plain data and always serialises", e);
        }
    }

    /** The configuration as JSON, as undo data keeps it. */
    static JsonNode tree(ReplicationConfiguration configuration) {
        return JSON.valueToTree(configuration.toBuilder());
    }

    static ReplicationConfiguration fromJson(JsonNode json) {
        try {
            return ((ReplicationConfiguration.Builder) JSON.treeToValue(json,
                    ReplicationConfiguration.serializableBuilderClass())).build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("undo data holds no replication configuration: " + e.getOriginalMessage(), e);
        }
    }
}
