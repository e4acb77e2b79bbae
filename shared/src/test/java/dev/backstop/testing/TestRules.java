package dev.backstop.testing;

import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.ParamSpec;
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

    /**
     * The catalogue's names as rule files see them. The shipped pack passes no params; the real
     * parameter types are checked against it where the production component is built.
     */
    public static final Map<String, List<ParamSpec>> CATALOGUE = Map.ofEntries(
            Map.entry("cloudtrail.start-logging", List.of()),
            Map.entry("s3.restore-bucket-policy", List.of()),
            Map.entry("s3.remove-public-policy-statements", List.of()),
            Map.entry("s3.block-public-access", List.of()),
            Map.entry("s3.make-acl-private", List.of()));

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
