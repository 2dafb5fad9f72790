package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pcilc.model.Cfg;
import pcilc.model.TlcText;

/** The model constants each {@link ZpciDesign} carries (its {@link ZpciModel}) are its cfg's (spec/designs/&lt;design&gt;.cfg). */
class ZpciDesignTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ZpciDesign.class)
    @DisplayName("Fids, MaxInst, FwFids, FwPecs, FwEvents and Threads as in the cfg")
    void constantsAreTheCfgs(ZpciDesign design) throws IOException {
        ZpciModel d = design.model();
        Map<String, String> cfg = new Cfg(Files.readString(SpecDesign.SPEC.resolve("designs/" + design.specName() + ".cfg")))
                .constants();
        assertThat(set(cfg, "Fids")).containsExactlyInAnyOrderElementsOf(d.fids());
        assertThat(set(cfg, "FwFids")).containsExactlyInAnyOrderElementsOf(d.fwFids());
        assertThat(set(cfg, "FwPecs")).containsExactlyInAnyOrderElementsOf(d.fwPecs());
        assertThat(set(cfg, "Threads")).containsExactlyInAnyOrderElementsOf(d.threads());
        assertThat(number(cfg, "MaxInst")).isEqualTo(d.maxInst());
        assertThat(number(cfg, "FwEvents")).isEqualTo(d.fwEvents());
        assertThat(SpecDesign.of(design.specName()).threads()).containsExactlyInAnyOrderElementsOf(d.threads());
    }

    private static Set<Object> set(Map<String, String> cfg, String name) {
        assertThat(cfg).as(name).containsKey(name);
        @SuppressWarnings("unchecked")
        Set<Object> values = (Set<Object>) TlcText.parseValue(cfg.get(name));
        return values;
    }

    private static int number(Map<String, String> cfg, String name) {
        assertThat(cfg).as(name).containsKey(name);
        return Math.toIntExact((Long) TlcText.parseValue(cfg.get(name)));
    }
}
