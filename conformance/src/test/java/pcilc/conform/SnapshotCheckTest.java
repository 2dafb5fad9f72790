package pcilc.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pcilc.model.StateGraph;
import pcilc.model.ToolError;
import pcilc.ref.systems.Systems;

/**
 * make check's snapshot check on the real manifest and cfgs, with graphs written here: the spec's variables
 * as the implementation has them, then with a variable added to the spec or missing from it.
 */
class SnapshotCheckTest {
    static final String SPEC = Path.of("..", "spec").toString();

    @TempDir
    Path dir;

    /** The variables of design's snapshot: a spec that agrees with the implementation. */
    static List<String> snapshot(String design) {
        return new ArrayList<>(new java.util.TreeSet<>(Systems.create(design, SpecCfg.of(design).constants()).snapshot().keySet()));
    }

    Path graph(String design, List<String> vars) throws IOException {
        return Files.writeString(dir.resolve(design + ".graph"), StateGraph.MAGIC + "\nvars\t" + String.join("\t", vars)
                + "\n");
    }

    record Run(int status, List<String> lines) {
    }

    Run check() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = SnapshotCheck.run(new String[] {"--spec", SPEC, "--graph", dir + "/%.graph"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void oneLineForEveryModuleOfTheManifest() throws IOException {
        List<String> cfgAccess = snapshot("cfgaccess-2011");
        graph("cfgaccess-lock", cfgAccess);
        graph("xen-pirq-fresh", snapshot("xen-pirq-fresh"));
        Run r = check();
        assertThat(r.lines()).containsExactly(
                "PciCore: not checked, no TLC graph of its designs (" + dir + "/sriov-unlocked.graph)",
                "CfgAccess: the implementation's snapshot has the spec's " + cfgAccess.size() + " variables",
                "XenPirq: the implementation's snapshot has the spec's " + snapshot("xen-pirq-fresh").size() + " variables",
                "ZpciLifecycle: not checked, no TLC graph of its designs (" + dir + "/zpci-mainline.graph)");
        assertThat(r.status()).isZero();
    }

    @Test
    void aNewSpecVariableTheSnapshotLacksFailsNamingIt() throws IOException {
        List<String> vars = snapshot("zpci-pre-dupput");
        vars.add(3, "iommuGroup");
        graph("zpci-pre-dupput", vars);
        graph("sriov-unlocked", snapshot("sriov-unlocked"));
        Run r = check();
        assertThat(r.lines()).contains("ZpciLifecycle: the spec variable iommuGroup is not in the implementation's "
                + "snapshot (snapshot() of conformance/src/main/java/pcilc/ref/ZpciKernel.java)");
        assertThat(r.lines().get(0)).startsWith("PciCore: the implementation's snapshot has the spec's ");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void aSnapshotVariableTheSpecDoesNotDeclareFails() throws IOException {
        List<String> vars = snapshot("nechita-v11");
        String gone = vars.remove(0);
        graph("nechita-v11", vars);
        Run r = check();
        assertThat(r.lines().get(0)).isEqualTo("PciCore: the implementation's snapshot has " + gone
                + ", which the spec does not declare (snapshot() of conformance/src/main/java/pcilc/ref/Kernel.java)");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void theModulesNewestGraphCounts() throws IOException {
        List<String> vars = snapshot("cfgaccess-2011");
        Path stale = graph("cfgaccess-2011", List.of("blocked"));
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        graph("cfgaccess-blockcount", vars);
        assertThat(check().status()).isZero();
    }

    @Test
    void badInputIsOneLine() throws IOException {
        assertThatThrownBy(() -> SnapshotCheck.run(new String[] {"--spec", SPEC}, System.out))
                .isInstanceOf(ToolError.class).hasMessage(SnapshotCheck.USAGE);
        Files.writeString(dir.resolve("xen-pirq-cached.graph"), "vars\tx\n");
        assertThatThrownBy(this::check).hasMessage(dir + "/xen-pirq-cached.graph:1: not a state graph (first line is not \""
                + StateGraph.MAGIC + "\")");
    }
}
