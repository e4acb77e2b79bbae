package dev.backstop.tests.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies point one way: the event model and the rules at the bottom, the catalogue of
 * action names and parameters beside the rules, the engine above them, the action families and
 * the alarm correlation beside each other above the core, the Lambda functions and the command
 * line on top. A wrong-way import fails the build here, with the class and the line.
 */
@AnalyzeClasses(packages = "dev.backstop", importOptions = LayeringTest.ProductClasses.class)
class LayeringTest {

    /**
     * The classes that ship: not tests, which in a reactor build arrive as test jars as well as
     * test-classes folders, nor the test helpers' module.
     */
    static final class ProductClasses implements ImportOption {

        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar")
                    && !location.contains("backstop-testing") && !location.contains("/shared/testing/");
        }
    }

    /** Everything in the core module: what runs the same in every function, test and the CLI. */
    private static final String[] CORE = {"dev.backstop.text..", "dev.backstop.event..", "dev.backstop.rules..", "dev.backstop.catalogue..",
        "dev.backstop.config..", "dev.backstop.aws..", "dev.backstop.audit..", "dev.backstop.notify..",
        "dev.backstop.breaker..", "dev.backstop.telemetry..", "dev.backstop.engine.."};

    /** The action families, each a module of its own with its SDK service. */
    private static final String ACTION_FAMILIES = "dev.backstop.action.(*)..";

    @ArchTest
    static final ArchRule outsideTextDependsOnNothingOfBackstop = noClasses()
            .that().resideInAPackage("dev.backstop.text..")
            .should().dependOnClassesThat(resideInAPackage("dev.backstop..").and(not(resideInAPackage("dev.backstop.text.."))));

    @ArchTest
    static final ArchRule theEventModelDependsOnNothingOfBackstopButConfigAndText = noClasses()
            .that().resideInAPackage("dev.backstop.event..")
            .should().dependOnClassesThat(resideInAPackage("dev.backstop..")
                    .and(not(resideInAnyPackage("dev.backstop.event..", "dev.backstop.config..", "dev.backstop.text.."))));

    @ArchTest
    static final ArchRule theRulesSeeEventsAndConfigButNeverTheCatalogueOrTheEngine = noClasses()
            .that().resideInAPackage("dev.backstop.rules..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.backstop.catalogue..", "dev.backstop.engine..",
                    "dev.backstop.action..", "dev.backstop.audit..", "dev.backstop.correlate..");

    @ArchTest
    static final ArchRule theCatalogueIsDataAboveTheRulesOnly = noClasses()
            .that().resideInAPackage("dev.backstop.catalogue..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.backstop.engine..", "dev.backstop.action..",
                    "dev.backstop.audit..", "dev.backstop.aws..", "software.amazon.awssdk.services..");

    @ArchTest
    static final ArchRule theCoreNeverReachesUpIntoActionsCorrelationHandlersOrTheCli = noClasses()
            .that().resideInAnyPackage(CORE).or().resideInAnyPackage("dev.backstop.action", "dev.backstop.correlate")
            .should().dependOnClassesThat().resideInAnyPackage("dev.backstop.action.*..", "dev.backstop.correlate.*..",
                    "dev.backstop.runtime..", "dev.backstop.handlers..", "dev.backstop.watchdog..", "dev.backstop.cli..",
                    "dev.backstop.channels..");

    /**
     * The notification channels sit beside the action families: they read audit records and the
     * rules' routing, and never act, decide or correlate.
     */
    @ArchTest
    static final ArchRule channelsNeverImportTheEngineActionsOrCorrelation = noClasses()
            .that().resideInAPackage("dev.backstop.channels..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.backstop.engine..", "dev.backstop.action.*..",
                    "dev.backstop.correlate..", "dev.backstop.runtime..", "dev.backstop.handlers..", "dev.backstop.cli..");

    @ArchTest
    static final ArchRule actionsNeverImportTheEngineHandlersOrTheCli = noClasses()
            .that().resideInAPackage("dev.backstop.action..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.backstop.engine..", "dev.backstop.runtime..",
                    "dev.backstop.handlers..", "dev.backstop.watchdog..", "dev.backstop.cli..", "dev.backstop.correlate.*..");

    @ArchTest
    static final ArchRule actionFamiliesAreIndependentOfEachOther = slices().matching(ACTION_FAMILIES)
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule correlationNeverImportsTheEngineOrAnAction = noClasses()
            .that().resideInAPackage("dev.backstop.correlate..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.backstop.engine..", "dev.backstop.action.*..",
                    "dev.backstop.runtime..", "dev.backstop.handlers..", "dev.backstop.cli..");

    @ArchTest
    static final ArchRule nothingButTheCliDependsOnTheCli = noClasses()
            .that().resideOutsideOfPackage("dev.backstop.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.backstop.cli..");

    @ArchTest
    static final ArchRule functionsAreIndependentOfEachOtherButShareTheTrailPriming = slices()
            .matching("dev.backstop.handlers.(*)..").should().notDependOnEachOther()
            .ignoreDependency(resideInAPackage("dev.backstop.handlers.watchdog"),
                    describe("the trail functions' priming", (JavaClass target) ->
                            target.getName().startsWith("dev.backstop.handlers.cloudtrail.Priming")));
}
