package pcilc.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The model library stands alone: the tools (generator) and the implementation (conformance) use it, it
 * uses neither, nor TLC. Its production classes (target/classes), and so no cycle among them either.
 */
class LayeringTest {
    static final JavaClasses MODEL = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void modelUsesOnlyItselfAndTheJdk() {
        classes().that().resideInAPackage("pcilc.model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("pcilc.model..", "java..")
                .because("the model library is the bottom layer: manifest, cfg, values, graph, TLC's output")
                .check(MODEL);
    }

    @Test
    void noPackageCycles() {
        slices().matching("pcilc.(**)").should().beFreeOfCycles().check(MODEL);
    }
}
