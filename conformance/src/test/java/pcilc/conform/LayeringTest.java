package pcilc.conform;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The implementation's packages form layers: the model library at the bottom, the shared kernel pieces and
 * the PCI core and zPCI (pcilc.ref) on it, the small modules (pcilc.ref.cfgaccess, pcilc.ref.xen) on those,
 * the registry of every implemented design (pcilc.ref.systems) on top. This module's production classes
 * (target/classes): the tests of pcilc.ref run every design through the registry.
 */
class LayeringTest {
    static final JavaClasses IMPLEMENTATION = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void noPackageCycles() {
        slices().matching("pcilc.(**)").should().beFreeOfCycles().check(IMPLEMENTATION);
    }
}
