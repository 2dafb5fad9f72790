package pcilc.ref.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pcilc.conform.SpecCfg;
import pcilc.ref.Kernel;
import pcilc.ref.PciCoreFeatures;
import pcilc.ref.ZpciKernel;

/**
 * Every design of the manifest runs on the implementation, as its generated suite will run it: the module
 * and the code its cfg's constants select, never its name.
 */
class SystemsTest {

    static Stream<String> designs() {
        return SpecCfg.designs().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void everyDesignRunsAsItsModulesSystem(String design) {
        SpecCfg cfg = SpecCfg.of(design);
        assertThat(Systems.moduleOf(cfg.constants())).isEqualTo(cfg.row().module());
        assertThat(Systems.create(design, cfg.constants()).snapshot()).isNotEmpty();
    }

    @Test
    void theCodeIsTheFeaturesNotTheName() {
        Map<String, Object> v11 = SpecCfg.of("nechita-v11").constants();
        Kernel k = (Kernel) Systems.create("any-name", v11);
        assertThat(k.design()).isEqualTo("any-name");
        assertThat(k.features).isEqualTo(new PciCoreFeatures(1, true, true, true, true, true, false));
        Map<String, Object> zpci = SpecCfg.of("zpci-pre-dupput").constants();
        ZpciKernel z = (ZpciKernel) Systems.create("zpci-pre-dupput", zpci);
        assertThat(z.model.features().dupPut()).isTrue();
        assertThat(z.model.fids()).containsExactly("PF", "VF");
    }

    @Test
    void anotherDesignsCodeOnThisModel() {
        Map<String, Object> model = SpecCfg.of("nechita-v11").constants();
        Map<String, Object> mixed = Systems.withCodeOf(model, SpecCfg.of("sriov-mutex").constants());
        assertThat(mixed.get("Threads")).isEqualTo(model.get("Threads"));
        assertThat(((Kernel) Systems.create("x", mixed)).features)
                .isEqualTo(new PciCoreFeatures(1, true, false, true, false, false, false));
        assertThatThrownBy(() -> Systems.withCodeOf(model, SpecCfg.of("cfgaccess-lock").constants()))
                .hasMessage("a design of module CfgAccess cannot run on a model of PciCore");
    }

    @Test
    void aCfgWithoutOneOfItsModulesConstantsIsRefusedByName() {
        Map<String, Object> c = new LinkedHashMap<>(SpecCfg.of("zpci-mainline").constants());
        c.remove("ZpciAddRemoveLock_774a1fa880bc");
        assertThatThrownBy(() -> Systems.create("zpci-mainline", c))
                .hasMessage("the implementation has no module with these constants (closest: ZpciLifecycle, "
                        + "which also needs [ZpciAddRemoveLock_774a1fa880bc])");
        c.put("ZpciAddRemoveLock_774a1fa880bc", true);
        c.put("Design", "zpci-mainline");
        assertThatThrownBy(() -> Systems.create("zpci-mainline", c))
                .hasMessage("the implementation has no module with these constants (closest: ZpciLifecycle, "
                        + "which has no constant [Design])");
    }

    @Test
    void aZpciDesignOnTheV613CoreIsNotImplemented() {
        Map<String, Object> c = new LinkedHashMap<>(SpecCfg.of("zpci-mainline").constants());
        c.put("PciStopDevAtomic_6d6d962a8dc2", true);
        assertThatThrownBy(() -> Systems.create("zpci-mainline", c))
                .hasMessageContaining("PciStopDevAtomic_6d6d962a8dc2 = TRUE is not implemented");
    }
}
