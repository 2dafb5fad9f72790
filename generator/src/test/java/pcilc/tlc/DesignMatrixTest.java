package pcilc.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import pcilc.model.Manifest;
import pcilc.model.ToolError;

/**
 * The design matrix as JUnit tests: one per design of spec/manifest.tsv, asserting its recorded result from
 * the design's stored TLC run (build/runs/<design>/result; make test makes every run before Maven starts).
 * No TLC here: a missing or out-of-date run fails with one line saying so.
 */
class DesignMatrixTest {
    static final Path SPEC = Path.of(System.getProperty("pcilc.specDir", "../spec"));
    static final Path OUT = Path.of(System.getProperty("pcilc.outDir", "../build"));

    @TestFactory
    Stream<DynamicTest> everyDesignGivesItsRecordedResult() {
        return Manifest.load(SPEC).designs().stream().map(d -> DynamicTest.dynamicTest(
                d.name() + " → " + d.expected(), () -> {
                    ModelCheck.Result r;
                    try {
                        r = DesignRun.read(SPEC, OUT, d).result();
                    } catch (ToolError e) {
                        throw new AssertionError(e.getMessage());
                    }
                    assertThat(r.result()).as("%s: result", d.name()).isEqualTo(d.expected());
                    assertThat(r.distinct()).as("%s: distinct states", d.name()).isEqualTo(d.distinct());
                    assertThat(r.depth()).as("%s: depth", d.name()).isEqualTo(d.depth());
                }));
    }
}
