package pcilc.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import pcilc.model.Cfg;
import pcilc.model.Manifest;
import pcilc.model.ToolError;
import pcilc.tlc.DesignRun;
import pcilc.tlc.ModelCheck;

class ReportTest {
    static final Path TINY = SwimlaneTest.TINY;

    private static Report.Entry entry(String name, String result, String cfg) {
        return new Report.Entry(new Manifest.Design(name, "M", name + ".cfg", result, 10, 3, "what " + name),
                new ModelCheck.Result(name, result, 10, 3, 1.25, List.of()), new Cfg(cfg));
    }

    static final String CFG = "SPECIFICATION Spec\nINVARIANTS\n  TypeOK\n  SafeInv\nPROPERTIES\n  P1\n  P2\n";

    @Test
    void eachCellSaysWhatTlcDecided() {
        Report.Entry deadlock = entry("d", "deadlock", CFG);
        Report.Entry invariant = entry("i", "invariant:SafeInv", CFG);
        Report.Entry property = entry("p", "property:P2", CFG);
        Report.Entry pass = entry("ok", "pass", CFG + "CHECK_DEADLOCK FALSE\n");
        assertThat(Report.checks(List.of(deadlock, pass))).containsExactly("deadlock", "TypeOK", "SafeInv", "P1", "P2");
        assertThat(Report.verdict(deadlock, "deadlock")).isEqualTo(Report.Verdict.VIOLATED);
        assertThat(Report.verdict(deadlock, "SafeInv")).isEqualTo(Report.Verdict.UNDECIDED);
        assertThat(Report.verdict(invariant, "SafeInv")).isEqualTo(Report.Verdict.VIOLATED);
        assertThat(Report.verdict(invariant, "TypeOK")).isEqualTo(Report.Verdict.UNDECIDED);
        // A temporal violation comes after the whole state space: invariants and deadlock freedom hold,
        // and P1 (before P2 in the cfg) was checked on its own.
        assertThat(Report.verdict(property, "SafeInv")).isEqualTo(Report.Verdict.HOLDS);
        assertThat(Report.verdict(property, "deadlock")).isEqualTo(Report.Verdict.HOLDS);
        assertThat(Report.verdict(property, "P1")).isEqualTo(Report.Verdict.HOLDS);
        assertThat(Report.verdict(property, "P2")).isEqualTo(Report.Verdict.VIOLATED);
        assertThat(Report.verdict(entry("p1", "property:P1", CFG), "P2")).isEqualTo(Report.Verdict.UNDECIDED);
        assertThat(Report.verdict(pass, "deadlock")).isEqualTo(Report.Verdict.NOT_CHECKED);
        assertThat(Report.verdict(pass, "P2")).isEqualTo(Report.Verdict.HOLDS);
    }

    @Test
    void theMarkdownHasTheMatrixWithLinksAndNoSeconds() {
        String md = Report.markdown(List.of(entry("d", "deadlock", CFG), entry("ok", "pass", CFG)));
        assertThat(md).contains("| `d` | M | `deadlock` | yes | 10 | 3 | [swimlane](counterexamples/d.md), [SVG](counterexamples/d.svg) |")
                .contains("| design | deadlock | TypeOK | SafeInv | P1 | P2 |")
                .contains("| `d` | [✗](counterexamples/d.md) | … | … | … | … |")
                .contains("| `ok` | ✓ | ✓ | ✓ | ✓ | ✓ |")
                .doesNotContain("1.25").doesNotContain("1.3");
    }

    @Test
    void reportReadsTheStoredRunsAndWritesBothPages() throws Exception {
        Path out = Path.of("target/report-test/out");
        Path docs = Path.of("target/report-test/docs");
        Path tlc = Path.of("target/report-test/tlc");
        for (Manifest.Design d : Manifest.load(TINY).designs()) {
            DesignRun.run(TINY, tlc, out, d);  // make's file rule
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new Report(TINY, out, docs, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("design=counter-pass result=pass distinct=4 depth=4 seconds=");
        String md = Files.readString(docs.resolve("report.md"));
        assertThat(md).contains("| `counter-deadlock` | Counter | `deadlock` | yes | 4 | 4 |")
                .contains("| `counter-pass` | Counter | `pass` | yes | 4 | 4 |");
        assertThat(docs.resolve("counterexamples/counter-deadlock.md")).content().contains("[counter-deadlock.svg](counter-deadlock.svg)");
        assertThat(docs.resolve("counterexamples/counter-deadlock.svg")).isRegularFile();
        assertThat(docs.resolve("counterexamples/counter-pass.md")).doesNotExist();
        String html = Files.readString(out.resolve("report/index.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<div class=\"cx\" id=\"cx-counter-deadlock\">")
                .contains("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("<td class=\"violated\"><a href=\"#cx-counter-deadlock\">✗</a></td>")
                .endsWith("</body></html>\n");

        // Again from the same runs: the committed Markdown comes out byte for byte the same.
        new Report(TINY, out, docs, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        assertThat(Files.readString(docs.resolve("report.md"))).isEqualTo(md);
    }

    @Test
    void aDesignWithoutARunStopsTheReportWithOneLine() {
        Path out = Path.of("target/report-test/no-runs");
        Path docs = Path.of("target/report-test/no-runs-docs");
        assertThatThrownBy(() -> new Report(TINY, out, docs, new PrintStream(new ByteArrayOutputStream())).run())
                .isInstanceOf(ToolError.class)
                .hasMessage(out.resolve("runs/counter-pass/result") + ": no TLC result for design counter-pass (make check runs TLC on it)");
        assertThat(docs.resolve("report.md")).doesNotExist();
    }
}
