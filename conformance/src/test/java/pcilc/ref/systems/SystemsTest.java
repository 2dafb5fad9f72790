package pcilc.ref.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pcilc.model.Cfg;
import pcilc.model.Manifest;
import pcilc.model.TlcText;

/**
 * Every design of the manifest runs on the implementation, as its generated suite will run it: the code of
 * the cfg's Design (the design itself without one) on the cfg's constants. The generator no longer asks.
 */
class SystemsTest {
    static final Path SPEC = Path.of(System.getProperty("pcilc.specDir", "../spec"));

    static Stream<String> designs() {
        return Manifest.load(SPEC).designs().stream().map(Manifest.Design::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void everyDesignOfTheManifestIsImplemented(String name) throws IOException {
        Manifest.Design d = Manifest.load(SPEC).design(name);
        Map<String, Object> constants = new LinkedHashMap<>();
        new Cfg(Files.readString(d.cfgFile(SPEC))).constants().forEach((k, v) -> constants.put(k, TlcText.parseValue(v)));
        String code = (String) constants.getOrDefault("Design", name);
        assertThat(Systems.designs()).as("%s runs the code of %s", name, code).contains(code);
        assertThat(Systems.create(code, constants).snapshot()).isNotEmpty();
    }

    @Test
    void aDesignWithoutCodeIsRefused() {
        assertThatThrownBy(() -> Systems.create("no-such-design", Map.of()))
                .hasMessage("the implementation has no design no-such-design");
    }
}
