package pcilc.tlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Makefile's runs on a spec of their own (the tiny one: two Counter designs and a Loop design): make's
 * runs (what make check makes before it reads them) run TLC once per design; again, none; an edit of
 * Counter.tla redoes the Counter designs only; make record DESIGN= writes nothing when the counts are the
 * same. The tool is run as java on this build's classes (TOOL=), so no Maven inside Maven; bin/pcilc check
 * reads the runs (make check's snapshot check, on the implementation's classpath, is left out).
 */
class MakeRunsTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A summary line of bin/pcilc run: printed once per TLC run. */
    static final String RAN = "(?m)^design=%s result=";

    @TempDir
    Path dir;

    record Make(int status, String output) {
    }

    /** The tool as bin/pcilc runs it, on this directory's spec and build. */
    List<String> tool() {
        Path build = dir.resolve("build");
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "pcilc.cli.Cli", "--spec", dir.resolve("spec").toString(),
                "--build", build.resolve("tlc").toString(), "--out", build.toString(), "--docs", dir.resolve("docs").toString());
    }

    Make make(String... goals) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("make", "--no-print-directory", "-C", ROOT.toString(),
                "SPEC=" + dir.resolve("spec"), "BUILD=" + dir.resolve("build"), "TOOL=" + String.join(" ", tool())));
        cmd.addAll(List.of(goals));
        return exec(cmd);
    }

    /** make check's two steps: the runs (-k: a failed run does not stop the others), then bin/pcilc check. */
    Make check() throws Exception {
        Make runs = make("-k", "-j2", "runs");
        List<String> cmd = new ArrayList<>(tool());
        cmd.add("check");
        Make check = exec(cmd);
        return new Make(check.status(), runs.output() + check.output());
    }

    static Make exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Make(p.waitFor(), out);
    }

    /** The tools are compiled already (Maven did): the classpath stamp is newer than every source. */
    void setUp() throws IOException {
        assumeTrue(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "make"))),
                "GNU make is not installed");
        DesignRunTest.copy(ModelCheckTest.TINY, dir.resolve("spec"));
        Files.writeString(dir.resolve("spec/manifest.tsv"), "loop\tLoop\tloop.cfg\tproperty:ReachesFive\t3\t3\tx cycles\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/generator.classpath"), System.getProperty("java.class.path"));
    }

    Map<String, FileTime> results() throws IOException {
        Map<String, FileTime> times = new LinkedHashMap<>();
        for (String d : List.of("counter-pass", "counter-deadlock", "loop")) {
            times.put(d, Files.getLastModifiedTime(DesignRun.result(dir.resolve("build"), d)));
        }
        return times;
    }

    @Test
    void tlcRunsOnlyOnDesignsWhoseInputsChanged() throws Exception {
        setUp();
        Make first = check();
        assertThat(first.status()).as(first.output()).isZero();
        for (String d : List.of("counter-pass", "counter-deadlock", "loop")) {
            assertThat(first.output()).containsPattern(RAN.formatted(d));
        }
        assertThat(first.output()).contains("check: 3 designs, 0 mismatches");

        Map<String, FileTime> before = results();
        Make second = check();
        assertThat(second.status()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContainPattern(RAN.formatted("\\S+")).contains("check: 3 designs, 0 mismatches");
        assertThat(results()).isEqualTo(before);
        assertThat(make("-q", "runs").status()).as("make -q runs: every run up to date").isZero();

        // Slow.tla is no design's module: nothing to redo. Counter.tla: its two designs, not Loop's.
        touchLater(dir.resolve("spec/Slow.tla"));
        assertThat(make("-q", "runs").status()).isZero();
        touchLater(dir.resolve("spec/Counter.tla"));
        Make third = check();
        assertThat(third.status()).as(third.output()).isZero();
        assertThat(third.output()).containsPattern(RAN.formatted("counter-pass")).containsPattern(RAN.formatted("counter-deadlock"))
                .doesNotContainPattern(RAN.formatted("loop"));
        assertThat(results().get("loop")).isEqualTo(before.get("loop"));

        // the same counts: the manifest is not written (and make has nothing to redo after)
        Path manifest = dir.resolve("spec/manifest.tsv");
        FileTime manifestTime = Files.getLastModifiedTime(manifest);
        Make record = make("record", "DESIGN=counter-pass");
        assertThat(record.status()).as(record.output()).isZero();
        assertThat(record.output()).doesNotContainPattern(RAN.formatted("\\S+"))
                .contains("recorded 1 design in " + manifest + " (no count changed; the file is as it was)");
        assertThat(Files.getLastModifiedTime(manifest)).isEqualTo(manifestTime);

        // a manifest row naming another cfg redoes that design: its model file changed
        Files.writeString(manifest, Files.readString(manifest).replace("counter-pass\tCounter\tpass.cfg",
                "counter-pass\tCounter\tpass-again.cfg"));
        Files.copy(dir.resolve("spec/pass.cfg"), dir.resolve("spec/pass-again.cfg"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Make fourth = check();
        assertThat(fourth.output()).containsPattern(RAN.formatted("counter-pass"))
                .doesNotContainPattern(RAN.formatted("counter-deadlock")).doesNotContainPattern(RAN.formatted("loop"));
    }

    @Test
    void aDesignWhoseRunFailsIsAnErrorRowAndTheOthersStillRun() throws Exception {
        setUp();
        Files.writeString(dir.resolve("spec/manifest.tsv"), "broken\tBroken\tpass.cfg\tpass\t0\t0\tdoes not parse\n",
                java.nio.file.StandardOpenOption.APPEND);
        Make m = check();
        assertThat(m.status()).isNotZero();
        assertThat(m.output()).containsPattern(RAN.formatted("loop"))
                .containsPattern("(?m)^\\| broken +\\| pass +\\| error .*\\| ERROR: " + dir.resolve("spec/Broken.tla") + ":6:1: parse error")
                .contains("check: 4 designs, 1 mismatches");
        assertThat(DesignRun.result(dir.resolve("build"), "broken")).doesNotExist();
    }

    /** An edit: now, later than the runs (written a few seconds ago, by the first check). */
    static void touchLater(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    }
}
