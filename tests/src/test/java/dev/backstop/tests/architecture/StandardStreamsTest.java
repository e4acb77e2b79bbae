package dev.backstop.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What runs in Lambda reports through {@code Telemetry}: a structured log line, and an EMF metric
 * an alarm can watch, never a bare line on standard output or standard error that nobody counts.
 * The one class that names {@code System.out} is the engine's module, which hands it to
 * {@code Telemetry} as the stream Lambda ships to CloudWatch Logs. The command line is not held to
 * this: printing is its job.
 */
@AnalyzeClasses(packages = "dev.backstop", importOptions = LayeringTest.ProductClasses.class)
class StandardStreamsTest {

    @ArchTest
    static final ArchRule theCoreActionsRuntimeAndFunctionsNeverWriteToStandardStreams = noClasses()
            .that().resideInAnyPackage("dev.backstop.event..", "dev.backstop.rules..", "dev.backstop.catalogue..",
                    "dev.backstop.config..", "dev.backstop.aws..", "dev.backstop.audit..", "dev.backstop.notify..",
                    "dev.backstop.breaker..", "dev.backstop.telemetry..", "dev.backstop.engine..",
                    "dev.backstop.correlate..", "dev.backstop.action..", "dev.backstop.runtime..",
                    "dev.backstop.handlers..", "dev.backstop.watchdog..")
            .and().doNotHaveFullyQualifiedName("dev.backstop.engine.EngineModule")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("a failure in Lambda must be a structured log line and an EMF metric (Telemetry), which the"
                    + " template can alarm on");
}
