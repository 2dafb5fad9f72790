package pcilc.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The design matrix as JUnit tests: one per design of spec/manifest.tsv, asserting its recorded result. */
class DesignMatrixTest {
    static final Path SPEC = Path.of(System.getProperty("pcilc.specDir", "../spec"));
    static final Path BUILD = Path.of(System.getProperty("pcilc.buildDir", "target/tlc"));

    @TestFactory
    Stream<DynamicTest> everyDesignGivesItsRecordedResult() {
        ModelCheck checker = new ModelCheck(SPEC, BUILD);
        return Manifest.load(SPEC).designs().stream().map(d -> DynamicTest.dynamicTest(
                d.name() + " → " + d.expected(), () -> {
                    ModelCheck.Result r = checker.run(d, item -> { });
                    assertThat(r.result()).as("%s: result", d.name()).isEqualTo(d.expected());
                    assertThat(r.distinct()).as("%s: distinct states", d.name()).isEqualTo(d.distinct());
                    assertThat(r.depth()).as("%s: depth", d.name()).isEqualTo(d.depth());
                }));
    }
}
