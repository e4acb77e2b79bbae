package dev.backstop.testing;

import dagger.Component;
import dev.backstop.catalogue.CatalogueParametersModule;
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

    /** The production catalogue's parameters, so tests never drift from it. */
    @Component(modules = CatalogueParametersModule.class)
    interface Catalogue {
        Map<String, List<ParamSpec>> parameters();
    }

    /** The catalogue as rule files see it. */
    public static final Map<String, List<ParamSpec>> CATALOGUE = DaggerTestRules_Catalogue.create().parameters();

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
