package dev.backstop.tests.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation YAML template as CloudFormation does: each short-form tag is its long
 * form, so {@code !GetAtt Role.Arn} reads as {@code {"Fn::GetAtt": ["Role", "Arn"]}} and
 * {@code !Ref Table} as {@code {"Ref": "Table"}}. A plain YAML reader rejects the tags (SnakeYAML)
 * or drops them (Jackson reads {@code !GetAtt Role.Arn} as the string "Role.Arn"), which would let
 * an intrinsic function pass for a literal value.
 */
final class CloudFormationYaml extends SafeConstructor {

    private CloudFormationYaml() {
        super(new LoaderOptions());
        // The null key holds the constructor for every tag YAML itself does not define.
        yamlConstructors.put(null, new IntrinsicFunction());
    }

    static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new CloudFormationYaml()).load(reader);
        }
    }

    private final class IntrinsicFunction extends AbstractConstruct {

        @Override
        public Object construct(Node node) {
            String name = node.getTag().getValue().substring(1);
            Object argument = node instanceof ScalarNode scalar ? constructScalar(scalar)
                    : node instanceof SequenceNode sequence ? constructSequence(sequence)
                    : constructMapping((MappingNode) node);
            return switch (name) {
                case "Ref", "Condition" -> Map.of(name, argument);
                // The short form joins logical id and attribute with the first dot: Role.Arn.
                case "GetAtt" -> Map.of("Fn::GetAtt", argument instanceof String dotted
                        ? List.of(dotted.split("\\.", 2))
                        : argument);
                default -> Map.of("Fn::" + name, argument);
            };
        }
    }
}
