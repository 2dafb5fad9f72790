package pcilc.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pcilc.model.Manifest;
import pcilc.model.StateGraph;
import pcilc.model.ToolError;
import pcilc.tlc.DesignRun;

/**
 * The generator on a tiny spec of its own (two workers: lock, increment by a chosen 1 or 2, unlock):
 * golden files, byte-identical regeneration, the cover's figures, the counterexample, and bad input.
 * {@code -Dpcilc.promote=true} (make promote) rewrites the golden files from the current output.
 */
class GenerateTest {
    static final Path SPEC = Path.of("src/test/resources/workers");
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    static Path build;
    static Generate.Summary pass;
    static Generate.Summary invariant;

    /** TLC on the design, as make's file rule runs it before generate. */
    static void tlc(Path build, String design) {
        DesignRun.run(SPEC, build.resolve("tlc"), build, Manifest.load(SPEC).design(design));
    }

    @BeforeAll
    static void generate() {
        tlc(build, "workers-pass");
        tlc(build, "workers-invariant");
        Generate g = new Generate(SPEC, build, build.resolve("out"));
        pass = g.run("workers-pass");
        invariant = g.run("workers-invariant");
    }

    static Path javaFile(Path out, String design) {
        return out.resolve("java/pcilc/generated/" + SuiteView.className(design) + ".java");
    }

    static Path dataFile(Path out, String design) {
        return out.resolve("resources/pcilc/generated/" + design + ".conformance");
    }

    @Test
    void matchesTheGoldenFiles() throws IOException {
        Path out = build.resolve("out");
        for (Path[] pair : List.of(
                new Path[] {javaFile(out, "workers-pass"), GOLDEN.resolve("WorkersPassConformanceTest.java.txt")},
                new Path[] {dataFile(out, "workers-pass"), GOLDEN.resolve("workers-pass.conformance")},
                new Path[] {dataFile(out, "workers-invariant"), GOLDEN.resolve("workers-invariant.conformance")})) {
            String actual = Files.readString(pair[0], StandardCharsets.UTF_8);
            if (Boolean.getBoolean("pcilc.promote")) {
                Files.writeString(pair[1], actual, StandardCharsets.UTF_8);
            }
            assertThat(actual).as("%s (make promote rewrites the golden file)", pair[1])
                    .isEqualTo(Files.readString(pair[1], StandardCharsets.UTF_8));
        }
    }

    @Test
    void generatingTwiceGivesByteIdenticalFiles(@TempDir Path again) throws IOException {
        tlc(again, "workers-pass");
        new Generate(SPEC, again, again.resolve("out")).run("workers-pass");
        for (String rel : List.of("java/pcilc/generated/WorkersPassConformanceTest.java",
                "resources/pcilc/generated/workers-pass.conformance")) {
            assertThat(Files.readAllBytes(again.resolve("out").resolve(rel)))
                    .as(rel).isEqualTo(Files.readAllBytes(build.resolve("out").resolve(rel)));
        }
    }

    @Test
    void coversEveryEdgeWithTheFewestSteps() {
        // Workers: 2 threads × (lock, inc 1|2, unlock); the figures are TLC's graph and the flow's optimum.
        assertThat(pass.line()).startsWith("design=workers-pass states=").contains(" seconds=");
        assertThat(pass.covered()).isEqualTo(pass.edges()).isPositive();
        assertThat(pass.steps()).isEqualTo(pass.lowerBound());
        assertThat(pass.dfs()).isGreaterThanOrEqualTo(pass.steps());
        StateGraph g = StateGraph.read(dataFile(build.resolve("out"), "workers-pass"));
        assertThat(g.complete()).isTrue();
        assertThat(g.paths()).hasSize(pass.tests());
        // Every path replays from an initial state; together they take every edge.
        assertThat(g.paths().stream().flatMap(List::stream).map(StateGraph.Edge::id).distinct().count())
                .isEqualTo(g.edges().size());
        assertThat(g.edges()).extracting(StateGraph.Edge::label).contains("Inc(a, 2)", "Lock(b)", "Unlock(a)");
    }

    @Test
    void theCounterexampleIsAPathOfTheGraphWithItsParameters() {
        StateGraph g = StateGraph.read(dataFile(build.resolve("out"), "workers-invariant"));
        assertThat(g.complete()).isFalse();
        assertThat(g.paths()).isEmpty();
        assertThat(g.trace().result()).isEqualTo("invariant:SmallInv");
        // x reaches 4: both workers increment by 2.
        assertThat(g.trace().steps()).extracting(StateGraph.Edge::action)
                .containsExactly("Lock", "Inc", "Unlock", "Lock", "Inc");
        assertThat(g.trace().steps()).extracting(e -> e.choices().get("n")).containsOnly(null, "2");
        assertThat(invariant.tests()).isEqualTo(1);
    }

    /**
     * The data lists the cfg's invariants, in the cfg's order, and no more: a copy of workers-invariant's cfg
     * that leaves SmallInv out lets TLC explore the states where x reaches 4, and its data does not name it
     * (the suite then checks only TypeOK there).
     */
    @Test
    void theDataListsTheCfgsInvariantsInItsOrder(@TempDir Path dir) throws IOException {
        assertThat(StateGraph.read(dataFile(build.resolve("out"), "workers-invariant")).invariants())
                .containsExactly("SmallInv");
        Path spec = dir.resolve("spec");
        Files.createDirectories(spec);
        Files.copy(SPEC.resolve("Workers.tla"), spec.resolve("Workers.tla"));
        Files.writeString(spec.resolve("manifest.tsv"), "workers-both\tWorkers\tboth.cfg\tinvariant:SmallInv\t0\t0\tx\n"
                + "workers-typed\tWorkers\ttyped.cfg\tpass\t0\t0\tSmallInv left out\n");
        String model = "CONSTANTS Threads = {\"a\", \"b\"}\nSPECIFICATION Spec\n";
        Files.writeString(spec.resolve("both.cfg"), model + "INVARIANTS\n  TypeOK\n  SmallInv\n");
        Files.writeString(spec.resolve("typed.cfg"), model + "INVARIANTS\n  TypeOK\n");
        for (String d : List.of("workers-both", "workers-typed")) {
            DesignRun.run(spec, dir.resolve("tlc"), dir, Manifest.load(spec).design(d));
        }
        Generate g = new Generate(spec, dir, dir.resolve("out"));
        g.run("workers-both");
        g.run("workers-typed");
        assertThat(StateGraph.read(dataFile(dir.resolve("out"), "workers-both")).invariants())
                .containsExactly("TypeOK", "SmallInv");
        StateGraph typed = StateGraph.read(dataFile(dir.resolve("out"), "workers-typed"));
        assertThat(typed.invariants()).containsExactly("TypeOK");
        assertThat(typed.complete()).isTrue();
        int x = typed.vars().indexOf("x");
        assertThat(java.util.stream.IntStream.range(0, typed.stateCount()).mapToObj(s -> typed.value(s, x)))
                .as("TLC went on past SmallInv").contains("4");
    }

    @Test
    void aTemplateErrorNamesTheTemplateAndTheDesignAndWritesNothing(@TempDir Path dir) {
        assertThatThrownBy(() -> Generate.render("workers-pass", "templates/Broken.java.vm",
                new SuiteView("workers-pass", "x", StateGraph.read(dataFile(build.resolve("out"), "workers-pass")))))
                .isInstanceOf(ToolError.class)
                .hasMessageContaining("templates/Broken.java.vm").hasMessageContaining("workers-pass")
                .hasMessageContaining("noSuchProperty");
    }

    @Test
    void generationReadsTheStoredRunAndRunsNoTlc(@TempDir Path dir) throws IOException {
        tlc(dir, "workers-pass");
        Path tlcWork = dir.resolve("tlc");
        try (Stream<Path> files = Files.walk(tlcWork)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.writeString(tlcWork, "a file: TLC cannot work here\n");
        new Generate(SPEC, dir, dir.resolve("out")).run("workers-pass");
        assertThat(Files.readAllBytes(dataFile(dir.resolve("out"), "workers-pass")))
                .isEqualTo(Files.readAllBytes(dataFile(build.resolve("out"), "workers-pass")));
    }

    @Test
    void aDesignWithoutARunIsOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> new Generate(SPEC, dir, dir.resolve("out")).run("workers-pass"))
                .isInstanceOf(ToolError.class)
                .hasMessage(DesignRun.result(dir, "workers-pass") + ": no TLC result for design workers-pass (make check runs TLC on it)");
    }

    @Test
    void anUnknownDesignIsOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> new Generate(SPEC, dir, dir.resolve("out")).run("no-such-design"))
                .isInstanceOf(ToolError.class).hasMessageContaining("no-such-design");
    }
}
