package dev.backstop.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * What the rule files say beyond their rules: where notices go ({@code notify}), which accounts
 * form which organizational units, the infrastructure-as-code pipelines, and the kill switch.
 * Each comes from at most one file.
 */
public record Directives(Routing routing, Organization organization, Pipelines pipelines, Optional<KillSwitch> killSwitch) {

    public static final Directives NONE = new Directives(Routing.NONE, Organization.NONE, Pipelines.NONE, Optional.empty());

    public Directives {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(pipelines, "pipelines");
        Objects.requireNonNull(killSwitch, "killSwitch");
    }

    public Directives withRouting(Routing newRouting) {
        return new Directives(newRouting, organization, pipelines, killSwitch);
    }
}
