package pcilc.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The tools' packages form layers: the model library at the bottom, TLC's runner (pcilc.tlc) on it, the
 * generator, review, citations and kernel traces on those, the command line (pcilc.cli) on top. This
 * module's production classes (target/classes); a test may reach across.
 */
class LayeringTest {
    static final JavaClasses TOOLS = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void noPackageCycles() {
        slices().matching("pcilc.(**)").should().beFreeOfCycles().check(TOOLS);
    }

    @Test
    void theTlcRunnerUsesNoToolAboveIt() {
        noClasses().that().resideInAPackage("pcilc.tlc..").should().dependOnClassesThat()
                .resideInAnyPackage("pcilc.gen..", "pcilc.review..", "pcilc.source..", "pcilc.kernel..", "pcilc.cli..")
                .check(TOOLS);
    }

    @Test
    void onlyTheCommandLineUsesTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("pcilc.cli..").should().dependOnClassesThat()
                .resideInAPackage("pcilc.cli..").check(TOOLS);
    }
}
