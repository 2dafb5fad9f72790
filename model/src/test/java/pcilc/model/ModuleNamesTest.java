package pcilc.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The names a cfg may set, read from the modules: the real spec's, through EXTENDS. */
class ModuleNamesTest {
    static final Path SPEC = Path.of(System.getProperty("pcilc.specDir", "../spec"));

    @Test
    void constantsAndDefinitionsOfTheModuleAndWhatItExtends() {
        ModuleNames zpci = ModuleNames.of(SPEC.resolve("ZpciLifecycle.tla"));
        assertThat(zpci.constants).contains("Threads", "VFs", "ZpciAddRemoveLock_774a1fa880bc", "Fids", "MaxInst", "FwFids", "FwPecs", "FwEvents");
        assertThat(zpci.assignable("ZpciThreads")).as("a definition: TLC lets a cfg override it").isTrue();
        assertThat(zpci.assignable("FwEvent")).isFalse();
        assertThat(zpci.closestConstant("FwEvent")).isEqualTo("FwEvents");
        assertThat(zpci.closestConstant("Something")).isNull();
    }

    @Test
    void everyDesignsCfgSetsOnlyNamesItsModuleHas() throws Exception {
        for (Manifest.Design d : Manifest.load(SPEC).designs()) {
            ModuleNames names = ModuleNames.of(d.moduleFile(SPEC));
            for (Cfg.Assignment a : new Cfg(Files.readString(d.cfgFile(SPEC))).assignments()) {
                assertThat(names.assignable(a.name())).as("%s line %d: %s", d.cfg(), a.line(), a.name()).isTrue();
            }
        }
    }
}
