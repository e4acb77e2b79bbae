package dev.backstop.tests.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.backstop.tests.template.SamTemplate.LambdaFunction;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every function in template.yaml names a handler Lambda can run, on java25, built by the Makefile. */
class TemplateHandlersTest {

    /** A Makefile rule line: {@code build-CloudTrailFunction: ...}. */
    private static final Pattern BUILD_TARGET = Pattern.compile("(?m)^(build-[A-Za-z0-9]+)\\s*:");

    static Stream<Named<LambdaFunction>> functions() {
        return SamTemplate.load().functions().stream().map(function -> Named.of(function.logicalId(), function));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void handlerIsAPublicMethodOfALambdaHandlerClassOnTheClasspath(LambdaFunction function) {
        String[] handler = function.handler().split("::", -1);
        assertThat(handler).as("%s: Handler \"%s\" must be class::method", function.logicalId(), function.handler())
                .hasSize(2).doesNotContain("");
        Class<?> type = load(function, handler[0]);

        assertThat(RequestStreamHandler.class.isAssignableFrom(type) || RequestHandler.class.isAssignableFrom(type))
                .as("%s: %s implements neither RequestStreamHandler nor RequestHandler", function.logicalId(), type.getName())
                .isTrue();
        assertThat(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers()))
                .as("%s: %s must be a public, concrete class", function.logicalId(), type.getName())
                .isTrue();
        assertThat(type.getConstructors()).extracting(Constructor::getParameterCount)
                .as("%s: Lambda creates %s through a public no-arg constructor, which it lacks",
                        function.logicalId(), type.getName())
                .contains(0);
        assertThat(type.getMethods()).extracting(Method::getName)
                .as("%s: %s has no public method %s", function.logicalId(), type.getName(), handler[1])
                .contains(handler[1]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void runsOnJava25(LambdaFunction function) {
        assertThat(function.runtime())
                .as("%s: Runtime (its own, or else Globals.Function's)", function.logicalId())
                .isEqualTo("java25");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void isBuiltByItsOwnMakefileTarget(LambdaFunction function) throws IOException {
        assertThat(function.buildMethod())
                .as("%s: Metadata.BuildMethod (sam build's default Maven builder cannot build this"
                        + " multi-module project)", function.logicalId())
                .isEqualTo("makefile");
        assertThat(makefileTargets())
                .as("%s: sam build runs `make build-%s`, which the Makefile lacks", function.logicalId(), function.logicalId())
                .contains("build-" + function.logicalId());
    }

    /** Loaded without initialising it: a handler's static set-up may build SDK clients. */
    private static Class<?> load(LambdaFunction function, String className) {
        try {
            return Class.forName(className, false, TemplateHandlersTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return fail("%s: handler class %s is not on the classpath", function.logicalId(), className);
        }
    }

    private static List<String> makefileTargets() throws IOException {
        return BUILD_TARGET.matcher(Files.readString(Checkout.file("Makefile"))).results()
                .map(match -> match.group(1)).toList();
    }
}
