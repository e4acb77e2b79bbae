package dev.backstop.tests.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * tests/src/test/resources/routing.yaml: for each file in events/, the logical ids of the
 * functions its EventBridge rules must deliver it to (once each).
 */
final class RoutingExpectations {

    static final String FILE = "tests/src/test/resources/routing.yaml";

    private RoutingExpectations() {
    }

    static Map<String, List<String>> load() {
        try (InputStream in = RoutingExpectations.class.getResourceAsStream("/routing.yaml")) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
