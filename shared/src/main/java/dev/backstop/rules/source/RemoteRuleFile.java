package dev.backstop.rules.source;

import dev.backstop.aws.CredentialScope;
import dev.backstop.config.RulesLocation;
import dev.backstop.rules.RuleText;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Reads a team's rule file from S3, and says when it has not changed since the last read. */
final class RemoteRuleFile {

    private final RulesLocation location;
    private final dagger.Lazy<S3Client> s3;
    private final CredentialScope credentials;
    private String lastETag;

    RemoteRuleFile(RulesLocation location, dagger.Lazy<S3Client> s3, CredentialScope credentials) {
        this.location = location;
        this.s3 = s3;
        this.credentials = credentials;
    }

    /** The file, or empty when it is the version (ETag) read last time. */
    Optional<RuleText> readIfChanged() {
        ResponseBytes<GetObjectResponse> object;
        // The S3 client is the S3 actions' too, which act in member accounts: the rule file is
        // always the home account's, whatever decision is under way.
        try (CredentialScope.Scope home = credentials.home()) {
            object = s3.get().getObjectAsBytes(request -> request.bucket(location.bucket()).key(location.key()));
        }
        String eTag = object.response().eTag();
        if (eTag != null && eTag.equals(lastETag)) {
            return Optional.empty();
        }
        lastETag = eTag;
        return Optional.of(new RuleText(location.toString(), object.asString(StandardCharsets.UTF_8)));
    }

    RulesLocation location() {
        return location;
    }
}
