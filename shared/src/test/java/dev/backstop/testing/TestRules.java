package dev.backstop.testing;

import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleLoader;
import dev.backstop.rules.RuleText;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rule loading as the handlers do it, with the catalogue's action names and parameters. */
public final class TestRules {

    /** The catalogue as rule files see it. */
    public static final Map<String, List<ParamSpec>> CATALOGUE = Map.of(
            "cloudtrail.start-logging", List.of(),
            // RevokeWorldIngressActionTest checks these against the action's own parameters().
            "ec2.revoke-world-ingress", List.of(
                    new ParamSpec("allowedPorts", ParamType.INTEGER_LIST, false, "ports open to the world"),
                    new ParamSpec("allowedPortsTag", ParamType.STRING, false, "only on groups with this tag")));

    private TestRules() {
    }

    public static RuleLoader loader(Instant now) {
        return new RuleLoader(CATALOGUE, Clock.fixed(now, ZoneOffset.UTC));
    }

    public static RuleBook defaultPack() {
        return loader(Instant.now()).load(List.of(DefaultPack.text()));
    }

    /** The default pack plus the given files. */
    public static List<RuleText> withDefaultPack(RuleText... files) {
        List<RuleText> texts = new ArrayList<>(List.of(DefaultPack.text()));
        texts.addAll(List.of(files));
        return texts;
    }
}
