package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The model constants each {@link ZpciDesign} carries (its {@link ZpciModel}) are its cfg's (spec/designs/&lt;design&gt;.cfg). */
class ZpciDesignTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ZpciDesign.class)
    @DisplayName("Fids, MaxInst, FwFids, FwPecs, FwEvents and Threads as in the cfg")
    void constantsAreTheCfgs(ZpciDesign design) throws IOException {
        ZpciModel d = design.model();
        String cfg = Files.readString(SpecDesign.SPEC.resolve("designs/" + design.specName() + ".cfg"));
        assertThat(set(cfg, "Fids")).containsExactlyInAnyOrderElementsOf(d.fids());
        assertThat(set(cfg, "FwFids")).containsExactlyInAnyOrderElementsOf(d.fwFids());
        assertThat(set(cfg, "FwPecs")).containsExactlyInAnyOrderElementsOf(d.fwPecs());
        assertThat(set(cfg, "Threads")).containsExactlyInAnyOrderElementsOf(d.threads());
        assertThat(number(cfg, "MaxInst")).isEqualTo(d.maxInst());
        assertThat(number(cfg, "FwEvents")).isEqualTo(d.fwEvents());
        assertThat(SpecDesign.of(design.specName()).threads()).containsExactlyInAnyOrderElementsOf(d.threads());
    }

    private static List<String> set(String cfg, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s*=\\s*\\{([^}]*)}").matcher(cfg);
        assertThat(m.find()).as(name).isTrue();
        return Arrays.stream(m.group(1).split(",")).map(s -> s.strip().replace("\"", "")).toList();
    }

    private static int number(String cfg, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s*=\\s*(\\d+)").matcher(cfg);
        assertThat(m.find()).as(name).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
