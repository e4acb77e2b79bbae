package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.aws.S3ObjectReader.StoredObject;
import dev.backstop.aws.SignedS3ObjectReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/** The rule file's signed GET against the emulator's S3: the object, 304 when unchanged, S3's error code. */
class SignedS3ObjectReaderIT {

    private static S3Client s3;
    private static SignedS3ObjectReader reader;
    private static String bucket;

    @BeforeAll
    static void emulators() {
        s3 = Emulators.world().s3();
        reader = new SignedS3ObjectReader(UrlConnectionHttpClient.create(), DefaultCredentialsProvider.builder().build(),
                new DefaultAwsRegionProviderChain().getRegion());
        bucket = Emulators.uniquePrefix("reader") + "-rules";
        s3.createBucket(request -> request.bucket(bucket));
    }

    @Test
    void readsTheObjectThenNothingUntilItChanges() {
        put("rules/team file.yaml", "version: 1\nrules: []\n");

        Optional<StoredObject> first = reader.readIfChanged(bucket, "rules/team file.yaml", null);
        assertThat(first).get().extracting(SignedS3ObjectReaderIT::text).isEqualTo("version: 1\nrules: []\n");
        assertThat(first.get().eTag()).isNotBlank();
        assertThat(reader.readIfChanged(bucket, "rules/team file.yaml", first.get().eTag())).isEmpty();

        put("rules/team file.yaml", "version: 1\nrules: []\n# changed\n");
        assertThat(reader.readIfChanged(bucket, "rules/team file.yaml", first.get().eTag())).get()
                .extracting(SignedS3ObjectReaderIT::text).isEqualTo("version: 1\nrules: []\n# changed\n");
    }

    @Test
    void aMissingObjectIsAServiceErrorNamingS3sCode() {
        assertThatThrownBy(() -> reader.readIfChanged(bucket, "absent.yaml", null))
                .isInstanceOf(SdkServiceException.class)
                .hasMessage("cannot read s3://" + bucket + "/absent.yaml: HTTP 404 NoSuchKey");
    }

    /** The object's bytes as the text that was put: the reader hands bytes on, undecoded. */
    private static String text(StoredObject object) {
        return new String(object.content(), StandardCharsets.UTF_8);
    }

    private static void put(String key, String content) {
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(content));
    }
}
