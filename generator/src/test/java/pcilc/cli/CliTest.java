package pcilc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pcilc.model.Manifest;
import pcilc.model.ToolError;
import pcilc.tlc.ModelCheck;

/**
 * The make front end on the tiny manifest: output shape and exit status. TLC runs once per design (run, as
 * make's file rule does); check, record and review read the stored runs.
 */
class CliTest {
    static final Path OUT = Path.of("target/cli-out");
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** TLC's work directory: {@link #checkRunsNoTlc} makes it a file, so that a TLC run there would fail. */
    private String tlcBuild = "target/tlc-cli";

    private int run(String... args) {
        return run(BadInputTest.TINY, args);
    }

    private int run(Path spec, String... args) {
        List<String> all = new ArrayList<>(List.of("--spec", spec.toString(), "--build", tlcBuild, "--out",
                OUT.toString(), "--docs", "target/cli-docs"));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @BeforeAll
    static void runEveryDesignOnce() {
        for (String d : List.of("counter-pass", "counter-deadlock")) {
            assertThat(Cli.run(new String[] {"--spec", BadInputTest.TINY.toString(), "--build", "target/tlc-cli",
                "--out", OUT.toString(), "run", d}, new PrintStream(new ByteArrayOutputStream()))).isZero();
        }
    }

    @Test
    void runWritesTheResultAndTheGraph() throws Exception {
        assertThat(run("run", "counter-deadlock")).as("a violation is a verdict: the run itself succeeds").isZero();
        assertThat(lines()).containsExactly(lines().get(0));
        assertThat(lines().get(0)).matches("design=counter-deadlock result=deadlock distinct=4 depth=4 seconds=\\d+\\.\\d");
        Path dir = OUT.resolve("runs/counter-deadlock");
        assertThat(dir.resolve("graph")).content().startsWith("# pcilc state graph").containsPattern("(?m)^end\t");
        List<String> result = Files.readAllLines(dir.resolve("result"));
        assertThat(result.get(1)).isEqualTo(lines().get(0));
        assertThat(result).contains("Deadlock reached.").last().asString().startsWith("end ");
    }

    @Test
    void reviewPrintsTheStoredTraceAndEndsWithTheSummaryLine() {
        assertThat(run("review", "counter-deadlock")).isEqualTo(11);
        List<String> lines = lines();
        assertThat(lines).contains("Error: Deadlock reached.");
        assertThat(lines).anyMatch(l -> l.startsWith("State 4: <Inc "));
        assertThat(lines.get(lines.size() - 1))
                .matches("design=counter-deadlock result=deadlock distinct=4 depth=4 seconds=\\d+\\.\\d");
        // The counterexample's pictures come after TLC's output, just before the summary line.
        assertThat(lines.get(lines.size() - 3)).isEqualTo("swimlane table: target/cli-out/review/counter-deadlock/swimlane.md");
        assertThat(lines.get(lines.size() - 2)).isEqualTo("sequence diagram: target/cli-out/review/counter-deadlock/swimlane.svg");
        assertThat(OUT.resolve("review/counter-deadlock/swimlane.md")).isRegularFile();
    }

    @Test
    void aPassWritesNoSwimlane() throws Exception {
        Path md = OUT.resolve("review/counter-pass/swimlane.md");
        Files.deleteIfExists(md);
        assertThat(run("review", "counter-pass")).isZero();
        assertThat(lines()).noneMatch(l -> l.startsWith("swimlane table:"));
        assertThat(md).doesNotExist();
    }

    @Test
    void checkPrintsTheMatrixAndPasses() {
        assertThat(run("check")).isZero();
        assertThat(lines()).anyMatch(l -> l.matches("\\| counter-pass +\\| pass +\\| pass +\\| 4 +\\| 4 +\\| .*\\| ok +\\|"));
        assertThat(lines().get(lines().size() - 1)).startsWith("check: 2 designs, 0 mismatches");
    }

    /** TLC's work directory is a file here: any TLC run would fail at once. check reads the stored runs only. */
    @Test
    void checkRunsNoTlc() throws Exception {
        Path blocked = Files.writeString(Path.of("target/cli-no-tlc"), "not a directory: TLC cannot run here\n");
        tlcBuild = blocked.toString();
        assertThat(run("check")).isZero();
        assertThat(lines()).noneMatch(l -> l.contains("ERROR"));
        assertThat(lines().get(lines().size() - 1)).startsWith("check: 2 designs, 0 mismatches");
        // and the same directory does stop TLC: the check above would have failed had it run TLC
        Manifest.Design d = Manifest.load(BadInputTest.TINY).design("counter-pass");
        assertThatThrownBy(() -> new ModelCheck(BadInputTest.TINY, blocked).run(d, item -> { }))
                .isInstanceOf(ToolError.class).hasMessageContaining("cli-no-tlc: is a file");
    }

    @Test
    void aMissingOrOutOfDateRunIsAnErrorRowNamingIt(@org.junit.jupiter.api.io.TempDir Path spec) throws Exception {
        pcilc.tlc.DesignRunTest.copy(BadInputTest.TINY, spec);
        // counter-pass's run is older than this copy of its cfg now; counter-deadlock is renamed: no run
        Files.writeString(spec.resolve("manifest.tsv"), Files.readString(spec.resolve("manifest.tsv"))
                .replace("counter-deadlock\t", "counter-stuck\t"));
        assertThat(run(spec, "check")).isEqualTo(1);
        assertThat(lines()).anyMatch(l -> l.matches("\\| counter-pass +\\| pass +\\| error .*\\| ERROR: "
                + OUT.resolve("runs/counter-pass/result") + ": older than " + spec.resolve("pass.cfg") + " .*"));
        assertThat(lines()).anyMatch(l -> l.contains("ERROR: " + OUT.resolve("runs/counter-stuck/result")
                + ": no TLC result for design counter-stuck"));
        assertThat(lines().get(lines().size() - 1)).startsWith("check: 2 designs, 2 mismatches");
    }

    @Test
    void recordOfOneDesignWithTheSameCountsLeavesTheManifestAlone(@org.junit.jupiter.api.io.TempDir Path spec) throws Exception {
        pcilc.tlc.DesignRunTest.copy(BadInputTest.TINY, spec);
        Path manifest = spec.resolve("manifest.tsv");
        // the copy is newer than the stored runs: make them look newer again, as make would have rerun them
        for (Path f : List.of(spec.resolve("Counter.tla"), spec.resolve("pass.cfg"), spec.resolve("deadlock.cfg"))) {
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(0));
        }
        var before = Files.getLastModifiedTime(manifest);
        assertThat(run(spec, "record", "counter-pass")).isZero();
        assertThat(lines()).containsExactly("recorded 1 design in " + manifest + " (no count changed; the file is as it was)");
        assertThat(Files.getLastModifiedTime(manifest)).isEqualTo(before);

        String original = Files.readString(manifest);
        Files.writeString(manifest, original.replace("counter-pass\tCounter\tpass.cfg\tpass\t4\t4", "counter-pass\tCounter\tpass.cfg\tpass\t9\t9")
                .replace("counter-deadlock\tCounter\tdeadlock.cfg\tdeadlock\t4\t4", "counter-deadlock\tCounter\tdeadlock.cfg\tdeadlock\t7\t7"));
        bytes.reset();
        assertThat(run(spec, "record", "counter-pass")).isZero();
        assertThat(lines()).containsExactly("counter-pass: distinct 9 -> 4, depth 9 -> 4",
                "recorded 1 design in " + manifest + " (1 changed)");
        assertThat(Files.readString(manifest)).as("only that row").isEqualTo(original
                .replace("counter-deadlock\tCounter\tdeadlock.cfg\tdeadlock\t4\t4", "counter-deadlock\tCounter\tdeadlock.cfg\tdeadlock\t7\t7"));
    }

    @Test
    void designsListsNameExpectedAndDescription() {
        assertThat(run("designs")).isZero();
        assertThat(lines()).containsExactly("counter-pass      pass      a pass",
                "counter-deadlock  deadlock  stops at 3");
    }

    @Test
    void badUsageIsOneLine() {
        assertThatThrownBy(() -> run("review")).isInstanceOf(ToolError.class).hasMessageStartingWith("usage: review");
        assertThatThrownBy(() -> run("record", "a", "b")).isInstanceOf(ToolError.class)
                .hasMessageStartingWith("unexpected argument 'b'; usage: record [<design>]");
        assertThatThrownBy(() -> run("frobnicate")).isInstanceOf(ToolError.class)
                .hasMessageStartingWith("unknown command 'frobnicate'; usage:");
    }
}
