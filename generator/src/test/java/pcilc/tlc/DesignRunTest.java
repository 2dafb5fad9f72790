package pcilc.tlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pcilc.model.AtomicFile;
import pcilc.model.Manifest;
import pcilc.model.TlcOutput;
import pcilc.model.ToolError;

/**
 * A design's stored run: written whole, read back as TLC gave it; a reader refuses (one line naming the file)
 * a run that is missing, out of date, of another model, or damaged; make's include names each run's inputs.
 */
public class DesignRunTest {
    static final Path TINY = ModelCheckTest.TINY;
    static final Path REAL = Path.of(System.getProperty("pcilc.specDir", "../spec"));

    /** A stored run of counter-deadlock without TLC: its result as TLC printed it, in its framing. */
    static Path store(Path spec, Path out) throws Exception {
        Manifest.Design d = Manifest.load(spec).design("counter-deadlock");
        List<String> output = List.of("@!@!@STARTMSG 2114:1 @!@!@", "Deadlock reached.", "@!@!@ENDMSG 2114 @!@!@",
                "@!@!@STARTMSG 2217:4 @!@!@", "1: <Initial predicate>", "x = 0", "@!@!@ENDMSG 2217 @!@!@",
                "a plain line");
        ModelCheck.Result r = new ModelCheck.Result(d.name(), "deadlock", 4, 4, 0.5, List.of(), output);
        Path file = DesignRun.result(out, d.name());
        AtomicFile.write(file, DesignRun.text(d, r));
        return file;
    }

    @Test
    void aStoredRunReadsBackAsTlcGaveIt(@TempDir Path out) throws Exception {
        store(TINY, out);
        DesignRun.Stored s = DesignRun.read(TINY, out, Manifest.load(TINY).design("counter-deadlock"));
        assertThat(s.result().summaryLine()).isEqualTo("design=counter-deadlock result=deadlock distinct=4 depth=4 seconds=0.5");
        assertThat(s.result().trace()).containsExactly(new TlcOutput.Message(2217, 4, "1: <Initial predicate>\nx = 0"));
        List<String> replayed = new java.util.ArrayList<>();
        s.replay(item -> replayed.add(item.isMessage() ? item.message().code() + ":" + item.message().body() : item.plainLine()));
        assertThat(replayed).containsExactly("2114:Deadlock reached.", "2217:1: <Initial predicate>\nx = 0", "a plain line");
    }

    @Test
    void aRunOlderThanItsCfgOrAModuleIsRefused(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec");
        copy(TINY, spec);
        Path file = store(spec, dir.resolve("build"));
        Manifest.Design d = Manifest.load(spec).design("counter-deadlock");
        FileTime written = Files.getLastModifiedTime(file);
        Files.setLastModifiedTime(spec.resolve("Counter.tla"), FileTime.fromMillis(written.toMillis() + 1000));
        assertThatThrownBy(() -> DesignRun.read(spec, dir.resolve("build"), d)).isInstanceOf(ToolError.class)
                .hasMessage(file + ": older than " + spec.resolve("Counter.tla") + " (make check runs TLC on it again)");
        // a module it does not extend changes nothing
        Files.setLastModifiedTime(spec.resolve("Counter.tla"), FileTime.fromMillis(written.toMillis() - 1000));
        Files.setLastModifiedTime(spec.resolve("Slow.tla"), FileTime.fromMillis(written.toMillis() + 1000));
        assertThat(DesignRun.read(spec, dir.resolve("build"), d).result().result()).isEqualTo("deadlock");
    }

    @Test
    void aRunOfAnotherModelOrOtherTlcOptionsIsRefused(@TempDir Path out) throws Exception {
        Path file = store(TINY, out);
        Manifest.Design d = Manifest.load(TINY).design("counter-deadlock");
        List<String> lines = Files.readAllLines(file);
        // as stored before -lncheck final was one of the options
        Files.write(file, List.of(lines.get(0).replace(" -lncheck final", "")));
        assertThatThrownBy(() -> DesignRun.read(TINY, out, d)).hasMessage(file + ": found with another model or other"
                + " TLC options than manifest.tsv and the tools give now (make check runs TLC on it again)");
    }

    @Test
    void aDamagedRunIsRefused(@TempDir Path out) throws Exception {
        Path file = store(TINY, out);
        Manifest.Design d = Manifest.load(TINY).design("counter-deadlock");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, 6));  // cut in the trace state's message, as a full disk would
        assertThatThrownBy(() -> DesignRun.read(TINY, out, d)).hasMessage(file + ":6: damaged result (cut short: no"
                + " end line); remove it and make check runs TLC again");
        Files.write(file, lines.subList(0, lines.size() - 2));
        Files.writeString(file, "end 99\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> DesignRun.read(TINY, out, d)).hasMessageEndingWith(": damaged result (its end line"
                + " does not count the 7 lines of TLC's output before it); remove it and make check runs TLC again");
    }

    @Test
    void aFailedRunLeavesItsErrorAndNoResult(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec");
        copy(TINY, spec);
        Path out = dir.resolve("build");
        store(spec, out);
        Files.writeString(DesignRun.graph(out, "counter-deadlock"), "an old graph\n");
        Files.delete(spec.resolve("deadlock.cfg"));
        Manifest.Design d = Manifest.load(spec).design("counter-deadlock");
        assertThatThrownBy(() -> DesignRun.run(spec, dir.resolve("tlc"), out, d))
                .hasMessage(spec.resolve("deadlock.cfg").toAbsolutePath() + ": no such file");
        assertThat(DesignRun.result(out, d.name())).doesNotExist();
        assertThat(DesignRun.graph(out, d.name())).doesNotExist();
        assertThatThrownBy(() -> DesignRun.read(spec, out, d)).hasMessage(spec.resolve("deadlock.cfg").toAbsolutePath() + ": no such file");
    }

    @Test
    void theIncludeNamesEachRunsCfgAndTheModulesItReads(@TempDir Path out) throws Exception {
        Path deps = DesignRun.writeDeps(REAL, out);
        List<String> lines = Files.readAllLines(deps);
        String cfgaccess = REAL.resolve("CfgAccess.tla").toString();
        String pciCore = REAL.resolve("PciCore.tla").toString();
        assertThat(lines).contains(DesignRun.result(out, "cfgaccess-lock") + ": " + REAL.resolve("designs/cfgaccess-lock.cfg")
                + " " + cfgaccess + " " + out.resolve("runs/cfgaccess-lock/model"));
        assertThat(lines).contains(DesignRun.result(out, "zpci-mainline") + ": " + REAL.resolve("designs/zpci-mainline.cfg")
                + " " + REAL.resolve("ZpciLifecycle.tla") + " " + pciCore + " " + out.resolve("runs/zpci-mainline/model"));
        // an edit of CfgAccess.tla redoes the cfgaccess designs only
        assertThat(lines.stream().filter(l -> l.contains(" " + cfgaccess + " ")).map(l -> l.substring(0, l.indexOf(':'))))
                .containsExactlyInAnyOrder(DesignRun.result(out, "cfgaccess-2011").toString(),
                        DesignRun.result(out, "cfgaccess-lock").toString(), DesignRun.result(out, "cfgaccess-blockcount").toString());
        // the model file is rewritten only when the design's module or cfg changes
        Path model = out.resolve("runs/cfgaccess-lock/model");
        Files.setLastModifiedTime(model, FileTime.fromMillis(0));
        DesignRun.writeDeps(REAL, out);
        assertThat(Files.getLastModifiedTime(model).toMillis()).isZero();
        Files.writeString(model, "# pcilc run 1 of module=CfgAccess cfg=designs/other.cfg\n");
        DesignRun.writeDeps(REAL, out);
        assertThat(model).content().contains("cfg=designs/cfgaccess-lock.cfg");
    }

    /** A copy of a directory tree (the tiny spec), with new file times. */
    public static void copy(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
