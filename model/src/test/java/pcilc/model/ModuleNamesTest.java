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

    @Test
    void theFilesARunReadsFollowExtendsAndInstanceButNotComments(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(ModuleNames.files(SPEC.resolve("ZpciLifecycle.tla")))
                .containsExactly(SPEC.resolve("ZpciLifecycle.tla"), SPEC.resolve("PciCore.tla"));
        assertThat(ModuleNames.files(SPEC.resolve("CfgAccess.tla"))).containsExactly(SPEC.resolve("CfgAccess.tla"));
        Files.writeString(dir.resolve("Top.tla"), "---- MODULE Top ----\nEXTENDS Naturals, Mid\n"
                + "\\* EXTENDS Commented\n(* INSTANCE AlsoCommented *)\nL == INSTANCE Lower WITH x <- 1\n====\n");
        Files.writeString(dir.resolve("Mid.tla"), "---- MODULE Mid ----\nEXTENDS Top\n====\n");
        Files.writeString(dir.resolve("Lower.tla"), "---- MODULE Lower ----\nCONSTANT x\n====\n");
        Files.writeString(dir.resolve("Commented.tla"), "---- MODULE Commented ----\n====\n");
        Files.writeString(dir.resolve("AlsoCommented.tla"), "---- MODULE AlsoCommented ----\n====\n");
        assertThat(ModuleNames.files(dir.resolve("Top.tla")))
                .containsExactly(dir.resolve("Top.tla"), dir.resolve("Mid.tla"), dir.resolve("Lower.tla"));
    }
}
