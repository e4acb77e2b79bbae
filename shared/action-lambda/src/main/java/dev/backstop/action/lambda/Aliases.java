package dev.backstop.action.lambda;

import dev.backstop.text.Decimal;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.inject.Inject;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The few Lambda calls the alias actions make, with Lambda's "not found" read as such. */
final class Aliases {

    private final LambdaClient lambda;

    @Inject
    Aliases(LambdaClient lambda) {
        this.lambda = lambda;
    }

    /** The alias as it is now; empty when it or its function does not exist. */
    Optional<AliasState> find(String function, String alias) {
        try {
            GetAliasResponse found = lambda.getAlias(request -> request.functionName(function).name(alias));
            Map<String, Double> weights = found.routingConfig() == null ? Map.of()
                    : found.routingConfig().additionalVersionWeights();
            return Optional.of(new AliasState(found.aliasArn(), found.functionVersion(), weights, found.revisionId()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** A version's configuration ({@code $LATEST} or a number), read back; empty when it or its function is gone. */
    Optional<FunctionConfiguration> configuration(String function, String qualifier) {
        try {
            GetFunctionConfigurationResponse found = lambda.getFunctionConfiguration(request -> request
                    .functionName(function).qualifier(qualifier));
            return Optional.of(FunctionConfiguration.builder().functionArn(found.functionArn()).version(found.version())
                    .codeSha256(found.codeSha256()).build());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The function's published version numbers ({@code $LATEST} is none); empty when the function is gone. */
    SortedSet<Long> publishedVersions(String function) {
        SortedSet<Long> versions = new TreeSet<>();
        try {
            for (FunctionConfiguration version : lambda.listVersionsByFunctionPaginator(request -> request
                    .functionName(function)).versions()) {
                number(version.version()).ifPresent(versions::add);
            }
        } catch (ResourceNotFoundException e) {
            return new TreeSet<>();
        }
        return versions;
    }

    /**
     * Points the alias at the version with these weights (none: all traffic to the version). With
     * a revision id, Lambda refuses the move if the alias changed since it was read.
     */
    void move(String function, String alias, String version, Map<String, Double> weights, String revisionId) {
        lambda.updateAlias(request -> request.functionName(function).name(alias).functionVersion(version)
                .routingConfig(routing -> routing.additionalVersionWeights(weights)).revisionId(revisionId));
    }

    Map<String, String> tags(String functionArn) {
        try {
            return lambda.listTags(request -> request.resource(functionArn)).tags();
        } catch (ResourceNotFoundException e) {
            return Map.of();
        }
    }

    static Optional<Long> number(String version) {
        OptionalLong number = Decimal.whole(version);
        return number.isPresent() && number.getAsLong() >= 0 ? Optional.of(number.getAsLong()) : Optional.empty();
    }
}
