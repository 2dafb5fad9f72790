package pcilc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import pcilc.model.Cfg;
import pcilc.model.Manifest;
import pcilc.tlc.ModelCheck;

class ReportTest {
    static final Path TINY = SwimlaneTest.TINY;

    private static Report.Entry entry(String name, String result, String cfg) {
        return new Report.Entry(new Manifest.Design(name, "M", name + ".cfg", result, 10, 3, "what " + name),
                new ModelCheck.Result(name, result, 10, 3, 1.25, List.of()), new Cfg(cfg), false);
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
    void reportRunsThenReusesResultsAndWritesBothPages() throws Exception {
        Path out = Path.of("target/report-test/out");
        Path docs = Path.of("target/report-test/docs");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new Report(TINY, out, docs, Path.of("target/report-test/tlc"), new PrintStream(log, true, StandardCharsets.UTF_8)).run();
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

        // Second run: the stored results are newer than the spec and cfg, so TLC does not run again,
        // and the committed Markdown comes out byte for byte the same.
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new Report(TINY, out, docs, Path.of("target/report-test/tlc"), new PrintStream(again, true, StandardCharsets.UTF_8)).run();
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("design=counter-pass result=pass distinct=4 depth=4 "
                + "seconds=").contains("(reused " + out.resolve("results/counter-pass.tlc") + ")");
        assertThat(Files.readString(docs.resolve("report.md"))).isEqualTo(md);
    }

    @Test
    void aResultOlderThanItsCfgIsNotReused() throws Exception {
        Path out = Path.of("target/report-test/store");
        Manifest.Design d = Manifest.load(TINY).design("counter-deadlock");
        ResultStore store = new ResultStore(out, TINY);
        ModelCheck.Result r = new ModelCheck.Result("counter-deadlock", "deadlock", 4, 4, 0.5, List.of(
                new pcilc.model.TlcOutput.Message(2217, 4, "1: <Initial predicate>\nx = 0")));
        store.save(d, r);
        assertThat(store.fresh(d)).hasValueSatisfying(back -> {
            assertThat(back.summaryLine()).isEqualTo(r.summaryLine());
            assertThat(back.trace()).isEqualTo(r.trace());
        });
        Files.setLastModifiedTime(store.file(d), FileTime.fromMillis(Files.getLastModifiedTime(d.cfgFile(TINY)).toMillis() - 1000));
        assertThat(store.fresh(d)).isEmpty();
    }

    @Test
    void aResultFoundWithOtherTlcOptionsIsNotReused() throws Exception {
        Path out = Path.of("target/report-test/store-flags");
        Manifest.Design d = Manifest.load(TINY).design("counter-pass");
        ResultStore store = new ResultStore(out, TINY);
        store.save(d, new ModelCheck.Result("counter-pass", "pass", 4, 4, 0.5, List.of()));
        assertThat(store.fresh(d)).isPresent();
        List<String> lines = Files.readAllLines(store.file(d));
        // as stored before -lncheck final was one of the options
        lines.set(0, lines.get(0).replace(" -lncheck final", ""));
        Files.write(store.file(d), lines);
        assertThat(store.fresh(d)).isEmpty();
    }
}
