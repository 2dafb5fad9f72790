package pcilc.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import pcilc.model.Manifest;

/**
 * The design matrix as JUnit tests: one per design of spec/manifest.tsv, asserting its recorded result. A
 * result TLC gave for the current spec and cfg earlier in the same build ({@code make generate}, which
 * {@code make test} runs first, keeps them under build/results) is used instead of running TLC again.
 */
class DesignMatrixTest {
    static final Path SPEC = Path.of(System.getProperty("pcilc.specDir", "../spec"));
    static final Path BUILD = Path.of(System.getProperty("pcilc.buildDir", "target/tlc"));
    static final Path RESULTS = Path.of(System.getProperty("pcilc.resultsDir", "../build"));

    @TestFactory
    Stream<DynamicTest> everyDesignGivesItsRecordedResult() {
        ModelCheck checker = new ModelCheck(SPEC, BUILD);
        pcilc.review.ResultStore store = new pcilc.review.ResultStore(RESULTS, SPEC);
        return Manifest.load(SPEC).designs().stream().map(d -> DynamicTest.dynamicTest(
                d.name() + " → " + d.expected(), () -> {
                    ModelCheck.Result r = store.fresh(d).orElseGet(() -> checker.run(d, item -> { }));
                    assertThat(r.result()).as("%s: result", d.name()).isEqualTo(d.expected());
                    assertThat(r.distinct()).as("%s: distinct states", d.name()).isEqualTo(d.distinct());
                    assertThat(r.depth()).as("%s: depth", d.name()).isEqualTo(d.depth());
                }));
    }
}
