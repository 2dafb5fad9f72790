package pcilc.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A new design that reuses existing features is a cfg and a manifest row, nothing else: in a copy of spec/,
 * nechita-v11-numvfs-hotplug's threads on 6.12.117's pci_stop_dev() (PciStopDevAtomic_6d6d962a8dc2 off, a
 * combination no design of the matrix has). The tool generates its suite as make does (bin/pcilc's Java
 * command: the generator's classes and build/generator.classpath, which make writes), and the suite is
 * compiled and run (JUnit's test kit) against the reference implementation as it is: it passes, and fails
 * against another design's code on the same model.
 */
class NewDesignTest {
    static final Path ROOT = Path.of("..");
    static final String NAME = "nechita-v11-numvfs-hotplug-v6-12";

    @TempDir
    Path dir;

    @Test
    void aCfgAndAManifestRowGenerateASuiteThatRuns() throws Exception {
        Path spec = dir.resolve("spec");
        copy(SpecCfg.SPEC, spec);
        String cfg = Files.readString(spec.resolve("designs/nechita-v11-numvfs-hotplug.cfg"))
                .replace("PciStopDevAtomic_6d6d962a8dc2 = TRUE", "PciStopDevAtomic_6d6d962a8dc2 = FALSE");
        assertThat(cfg).contains("PciStopDevAtomic_6d6d962a8dc2 = FALSE");
        Files.writeString(spec.resolve("designs/" + NAME + ".cfg"), cfg);
        Files.writeString(spec.resolve("manifest.tsv"), NAME + "\tPciCore\tdesigns/" + NAME
                + ".cfg\tdeadlock\t0\t0\tNechita v11's numvfs-vs-hot-unplug threads on 6.12.117's pci_stop_dev()\n",
                StandardOpenOption.APPEND);

        Path out = dir.resolve("out");
        String summary = generate(spec, out);
        assertThat(summary).startsWith("design=" + NAME + " ");

        Path resource = Path.of("target/test-classes/pcilc/generated/" + NAME + ".conformance");
        Files.createDirectories(resource.getParent());
        Files.copy(out.resolve("generated/conformance/resources/pcilc/generated/" + NAME + ".conformance"), resource);
        try {
            Class<?> suite = compile(out.resolve("generated/conformance/java"));
            Events own = run(suite, null);
            assertThat(own.started().count()).isPositive();
            assertThat(own.failed().count()).as("the suite against the code its cfg selects: %s", firstFailure(own))
                    .isZero();
            // the suite has teeth: the same model with mainline's code (a5338e365c45: no reentrant rescan lock,
            // the lock in sriov_numvfs_store) fails it
            assertThat(run(suite, "sriov-unlocked").failed().count()).isPositive();
        } finally {
            Files.deleteIfExists(resource);
        }
    }

    /** make's two steps, each as bin/pcilc runs it (its own JVM): TLC's run, then the generation; the summary line. */
    private String generate(Path spec, Path out) throws IOException, InterruptedException {
        pcilc(spec, out, "run");
        List<String> lines = pcilc(spec, out, "generate").lines().toList();
        return lines.get(lines.size() - 1);
    }

    private String pcilc(Path spec, Path out, String command) throws IOException, InterruptedException {
        Path classpath = ROOT.resolve("build/generator.classpath");
        assertThat(classpath).as("make writes it (make build/generator.classpath)").exists();
        String cp = ROOT.resolve("generator/target/classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(classpath).strip();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                "pcilc.cli.Cli", "--spec", spec.toString(), "--build", dir.resolve("tlc").toString(), "--out",
                out.toString(), command, NAME).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("bin/pcilc %s %s: %s", command, NAME, output).isZero();
        return output;
    }

    private Class<?> compile(Path java) throws IOException, ClassNotFoundException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(java)) {
            files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(new String[0])))
                .as("javac of the suite").isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        try (Stream<Path> files = Files.walk(classes)) {
            String name = files.filter(f -> f.toString().endsWith("ConformanceTest.class")).findFirst().orElseThrow()
                    .toString();
            return loader.loadClass(classes.relativize(Path.of(name)).toString().replace(".class", "").replace('/', '.'));
        }
    }

    /** The suite's tests, run by JUnit; {@code otherCode}: another design's features on the suite's model. */
    private static Events run(Class<?> suite, String otherCode) {
        if (otherCode != null) {
            System.setProperty(Replay.IMPLEMENTATION, otherCode);
        }
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute().testEvents();
        } finally {
            System.clearProperty(Replay.IMPLEMENTATION);
        }
    }

    private static String firstFailure(Events events) {
        return events.failed().stream().map(e -> e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?")).findFirst().orElse("");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
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
