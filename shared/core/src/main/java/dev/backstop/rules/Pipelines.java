package dev.backstop.rules;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rule files say of the infrastructure-as-code pipelines ({@code pipelines} section):
 * whose changes are declared state, which tags mark a resource as managed by code (CloudFormation's
 * own {@code aws:cloudformation:stack-name} always does), whom to tell when Backstop reverts one,
 * and how long to let a resource being created settle before its state is read.
 *
 * <pre>{@code
 * pipelines:
 *   principals: ["arn:aws:iam::*:role/terraform-apply", "arn:aws:iam::*:role/github-deploy-*"]
 *   tags: {managed-by: terraform}
 *   owner: platform
 *   settle: 2m
 * }</pre>
 *
 * @param owner the contact {@code revert-and-tell} tells; empty: the resource's own contact only
 */
public record Pipelines(List<ArnGlob> principals, Map<String, String> tags, Optional<String> owner, Duration settle,
        String origin) {

    /** No section: CloudFormation's stack tags alone mark declared state, and nothing settles. */
    public static final Pipelines NONE = new Pipelines(List.of(), Map.of(), Optional.empty(), Duration.ZERO, "");

    public Pipelines {
        principals = List.copyOf(principals);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(origin, "origin");
    }
}
