package pcilc.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A new design that reuses existing features is a cfg and a manifest row, nothing else: in a copy of spec/,
 * nechita-v11-numvfs-hotplug's threads on 6.12.117's pci_stop_dev() (PciStopDevAtomic_6d6d962a8dc2 off, a
 * combination no design of the matrix has), generated with the generator's API, compiled and run (JUnit's
 * test kit) against the reference implementation as it is: its tests pass, and fail against another code.
 */
class NewDesignTest {
    static final Path SPEC = Path.of(System.getProperty("pcilc.specDir", "../spec"));
    /** Replay, the generated suites' runtime, is a test class of module conformance (built before this one). */
    static final Path CONFORMANCE_TESTS = Path.of("../conformance/target/test-classes");
    static final String NAME = "nechita-v11-numvfs-hotplug-v6-12";

    @TempDir
    Path dir;

    @Test
    void aCfgAndAManifestRowGenerateASuiteThatRuns() throws Exception {
        Path spec = dir.resolve("spec");
        copy(SPEC, spec);
        String cfg = Files.readString(spec.resolve("designs/nechita-v11-numvfs-hotplug.cfg"))
                .replace("PciStopDevAtomic_6d6d962a8dc2 = TRUE", "PciStopDevAtomic_6d6d962a8dc2 = FALSE");
        assertThat(cfg).contains("PciStopDevAtomic_6d6d962a8dc2 = FALSE");
        Files.writeString(spec.resolve("designs/" + NAME + ".cfg"), cfg);
        Files.writeString(spec.resolve("manifest.tsv"), NAME + "\tPciCore\tdesigns/" + NAME
                + ".cfg\tdeadlock\t0\t0\tNechita v11's numvfs-vs-hot-unplug threads on 6.12.117's pci_stop_dev()\n",
                java.nio.file.StandardOpenOption.APPEND);

        Path out = dir.resolve("out");
        Generate.Summary s = new Generate(spec, dir.resolve("build"), out).run(NAME);
        assertThat(s.tests()).isPositive();

        Class<?> suite = compile(out, "pcilc.generated." + SuiteView.className(NAME));
        Events own = run(suite, null);
        assertThat(own.started().count()).isEqualTo(s.tests());
        assertThat(own.failed().count()).as("the suite against the code its cfg selects").isZero();
        // the suite has teeth: the same model with mainline's code (a5338e365c45: no reentrant rescan lock,
        // the lock in sriov_numvfs_store) fails it
        assertThat(run(suite, "sriov-unlocked").failed().count()).isPositive();
    }

    private Class<?> compile(Path out, String className) throws IOException, ClassNotFoundException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = System.getProperty("java.class.path") + File.pathSeparator + CONFORMANCE_TESTS;
        List<String> sources;
        try (Stream<Path> files = Files.walk(out.resolve("java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath));
        args.addAll(sources);
        assertThat(javac.run(null, null, null, args.toArray(new String[0]))).as("javac of the suite").isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(),
                out.resolve("resources").toUri().toURL(), CONFORMANCE_TESTS.toUri().toURL()},
                getClass().getClassLoader());
        return loader.loadClass(className);
    }

    /** The suite's tests, run by JUnit; {@code otherCode}: another design's features on the suite's model. */
    private static Events run(Class<?> suite, String otherCode) {
        if (otherCode != null) {
            System.setProperty("pcilc.implementation", otherCode);
        }
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute().testEvents();
        } finally {
            System.clearProperty("pcilc.implementation");
        }
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
