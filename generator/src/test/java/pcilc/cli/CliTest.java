package pcilc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import pcilc.model.ToolError;

/** The make front end on the tiny manifest: output shape and exit status. */
class CliTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] options = {"--spec", BadInputTest.TINY.toString(), "--build", "target/tlc-cli", "--out",
            "target/cli-out", "--docs", "target/cli-docs"};
        String[] all = new String[args.length + options.length];
        System.arraycopy(options, 0, all, 0, options.length);
        System.arraycopy(args, 0, all, options.length, args.length);
        return Cli.run(all, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void reviewPrintsTheTraceAndEndsWithTheSummaryLine() {
        assertThat(run("review", "counter-deadlock")).isEqualTo(11);
        List<String> lines = lines();
        assertThat(lines).contains("Error: Deadlock reached.");
        assertThat(lines).anyMatch(l -> l.startsWith("State 4: <Inc "));
        assertThat(lines.get(lines.size() - 1))
                .matches("design=counter-deadlock result=deadlock distinct=4 depth=4 seconds=\\d+\\.\\d");
        // The counterexample's pictures come after TLC's output, just before the summary line.
        assertThat(lines.get(lines.size() - 3)).isEqualTo("swimlane table: target/cli-out/review/counter-deadlock/swimlane.md");
        assertThat(lines.get(lines.size() - 2)).isEqualTo("sequence diagram: target/cli-out/review/counter-deadlock/swimlane.svg");
        assertThat(java.nio.file.Path.of("target/cli-out/review/counter-deadlock/swimlane.md")).isRegularFile();
        assertThat(java.nio.file.Path.of("target/cli-out/results/counter-deadlock.tlc")).isRegularFile();
    }

    @Test
    void aPassWritesNoSwimlane() throws Exception {
        java.nio.file.Path md = java.nio.file.Path.of("target/cli-out/review/counter-pass/swimlane.md");
        java.nio.file.Files.deleteIfExists(md);
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

    @Test
    void designsListsNameExpectedAndDescription() {
        assertThat(run("designs")).isZero();
        assertThat(lines()).containsExactly("counter-pass      pass      a pass",
                "counter-deadlock  deadlock  stops at 3");
    }

    @Test
    void badUsageIsOneLine() {
        assertThatThrownBy(() -> run("review")).isInstanceOf(ToolError.class).hasMessageStartingWith("usage: review");
        assertThatThrownBy(() -> run("frobnicate")).isInstanceOf(ToolError.class)
                .hasMessageStartingWith("unknown command 'frobnicate'; usage:");
    }
}
