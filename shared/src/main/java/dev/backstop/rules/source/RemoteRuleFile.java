package dev.backstop.rules.source;

import dev.backstop.config.RulesLocation;
import dev.backstop.rules.RuleText;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/** Reads a team's rule file from S3 or SSM, and says when it has not changed since the last read. */
final class RemoteRuleFile {

    private final RulesLocation location;
    private final dagger.Lazy<S3Client> s3;
    private final dagger.Lazy<SsmClient> ssm;
    private String lastVersion;

    RemoteRuleFile(RulesLocation location, dagger.Lazy<S3Client> s3, dagger.Lazy<SsmClient> ssm) {
        this.location = location;
        this.s3 = s3;
        this.ssm = ssm;
    }

    /** The file, or empty when it is the version read last time (by ETag or parameter version). */
    Optional<RuleText> readIfChanged() {
        String version;
        String content;
        if (location.kind() == RulesLocation.Kind.S3) {
            ResponseBytes<GetObjectResponse> object = s3.get().getObjectAsBytes(request -> request
                    .bucket(location.bucket()).key(location.key()));
            version = object.response().eTag();
            content = object.asString(StandardCharsets.UTF_8);
        } else {
            Parameter parameter = ssm.get().getParameter(request -> request.name(location.parameter())
                    .withDecryption(true)).parameter();
            version = String.valueOf(parameter.version());
            content = parameter.value();
        }
        if (version != null && version.equals(lastVersion)) {
            return Optional.empty();
        }
        lastVersion = version;
        return Optional.of(new RuleText(location.toString(), content));
    }

    RulesLocation location() {
        return location;
    }
}
