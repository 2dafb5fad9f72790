package pcilc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bin/pcilc traces} on traces the lab recorded in real kernels (src/test/resources/kernel): they are
 * behaviours of their kernel's design; the design of another version, or a wrong mapping, rejects them and
 * prints the swimlane up to the first event it cannot match; bad input is one line naming the file.
 */
class KernelTracesTest {
    static final Path SPEC = Path.of(System.getProperty("pcilc.specDir", "../spec"));
    static final Path TRACES = Path.of("src/test/resources/kernel");
    static final Path AMD64 = TRACES.resolve("linux-6.1.192-amd64");

    @TempDir
    Path tmp;

    /** The output of the tests that run TLC, shared: each design's graph is explored once (bin/pcilc reuses it). */
    @TempDir
    static Path shared;

    static BadInputTest.Outcome traces(String... args) {
        return tracesInto(shared, args);
    }

    static BadInputTest.Outcome tracesInto(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("--spec", SPEC.toString(), "--out", out.toString(), "traces"));
        all.addAll(List.of(args));
        return BadInputTest.run(all);
    }

    static long traceCount(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("traces"))) {
            return s.count();
        }
    }

    @Test
    void realTracesAreBehavioursOfTheirKernelsDesign() throws IOException {
        BadInputTest.Outcome o = traces(AMD64.toString());
        long n = traceCount(AMD64);
        assertThat(o.stderr()).isEmpty();
        assertThat(o.stdout()).contains("| linux-6.1.192-amd64 | linux-6.1.192-amd64 | " + n + " |")
                .contains("traces: all " + n + " traces are behaviours of their designs").doesNotContainPattern("(?m)^rejected ");
        assertThat(o.status()).isZero();
        assertThat(shared.resolve("kernel/report.md")).content().contains("| linux-6.1.192-amd64 | linux-6.1.192-amd64 | " + n + " |");
    }

    /**
     * 6.12.117 deadlocked in the lab: sriov_numvfs_store holds device_lock(PF) and waits for the rescan lock
     * that remove_store holds while it waits for device_lock(PF) (a5338e365c45's AB-BA, design
     * sriov-numvfs-remove). The hung trace is a prefix of a behaviour that deadlocks there.
     */
    @Test
    void theRealDeadlockIsTheDesignsDeadlock() {
        BadInputTest.Outcome o = traces(TRACES.resolve("linux-6.12.117-amd64").toString());
        assertThat(o.stdout()).contains("the design deadlocks there too (remove_store, sriov_numvfs_store cannot move)")
                .contains("| linux-6.12.117-amd64 | linux-6.12.117-amd64 | 1 | 5 | 1 | 0 | 1 | 1 | 1 |");
        assertThat(o.status()).isZero();
    }

    @Test
    void anotherDesignRejectsThemWithTheFirstUnmatchedEvent() {
        // Nechita v11: remove_store kills the device and releases its driver before the rescan lock
        BadInputTest.Outcome o = traces("--design", "nechita-v11", AMD64.toString());
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.stdout()).contains("rejected ").contains("no behaviour of nechita-v11").contains("<-- no match")
                .containsPattern("traces: [1-9][0-9]* of [0-9]+ traces rejected");
    }

    /**
     * 6.1.176 removes the hotplug slot at reserve (zpci_exit_slot from zpci_device_reserved); from 6ee600bfbe0f
     * it goes at release. The s390x traces are behaviours of 6.1.176's design and not of that later code.
     * (0081: the 0x0303 handler's deconfigure stops when its IOAT deregistration loses to power=0's.)
     */
    @Test
    void theS390xTracesRejectTheSlotRemovedAtRelease() throws IOException {
        Path s390x = TRACES.resolve("linux-6.1.176-s390x");
        long n = traceCount(s390x);
        BadInputTest.Outcome right = traces(s390x.toString());
        assertThat(right.stdout()).contains("| linux-6.1.176-s390x | linux-6.1.176-s390x | " + n + " |");
        assertThat(right.status()).isZero();
        BadInputTest.Outcome wrong = traces("--design", "linux-6.1.176-s390x-6ee600bfbe0f", s390x.toString());
        assertThat(wrong.stdout()).contains("enters zpci_release_device").contains("<-- no match");
        assertThat(wrong.status()).isEqualTo(1);
    }

    @Test
    void aWrongMappingRejectsThem() throws IOException {
        // device_del() announced as the bus's put instead of device_del()'s own step
        Path map = tmp.resolve("PciCore.map");
        String right = Files.readString(SPEC.resolve("traces/PciCore.map"));
        String wrong = right.replace("map device_del <-pci_remove_bus_device DeviceDel",
                "map device_del <-pci_remove_bus_device PciDestroyDevPut");
        assertThat(wrong).isNotEqualTo(right);
        Files.writeString(map, wrong);
        BadInputTest.Outcome o = traces("--map", map.toString(), AMD64.toString());
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.stdout()).contains("rejected ").contains("<-- no match");
    }

    record Bad(String name, String trace, String map, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String HEADER = "# pcilc kernel trace 1\nkernel linux-6.1.192-amd64\nscenario remove_store\nrun 1\n"
            + "device PF 0000:01:00.0\ntask remove_store 100\noutcome completed\n";

    static Stream<Bad> badInput() {
        return Stream.of(
                new Bad("a function the mapping does not know", HEADER + "ftrace\n  sh-100 [000] ..... 1.000001: pci_rescan_bus <-x\n",
                        null, "{trace}:9: function pci_rescan_bus is not in {map} (map it to the actions it announces, or ignore it)"),
                new Bad("a trace cut short", HEADER, null,
                        "{trace}:7: the trace is cut short: no 'ftrace' line (a lab run that died mid-write?)"),
                new Bad("ftrace lost events", HEADER + "ftrace\nCPU:1 [LOST 12 EVENTS]\n", null,
                        "{trace}:9: ftrace lost events here (its buffer overflowed): the trace is incomplete; trace fewer"
                                + " functions or enlarge buffer_size_kb"),
                new Bad("not a trace", "kernel linux-6.1.192-amd64\n", null,
                        "{trace}:1: not a kernel trace (the first line must be \"# pcilc kernel trace 1\")"),
                new Bad("a line that is not ftrace's", HEADER + "ftrace\nhello\n", null,
                        "{trace}:9: not an ftrace line (TASK-PID [CPU] FLAGS TIME: FUNCTION): hello"),
                new Bad("a thread the design does not have", HEADER.replace("task remove_store 100", "task power_off 100")
                        + "ftrace\n", null, "{trace}: thread power_off is not a thread of design linux-6.1.192-amd64"),
                new Bad("a mapping naming no action of the spec", HEADER + "ftrace\n", "map remove_store RemoveStor\n",
                        "{map}:1: RemoveStor is not an action of the module"),
                new Bad("a mapping with an unknown keyword", HEADER + "ftrace\n", "mapp remove_store RemoveStore\n",
                        "{map}:1: unknown keyword 'mapp' (map, ignore, task)"),
                new Bad("a kernel without a design", HEADER.replace("linux-6.1.192-amd64", "linux-9.9.9-amd64") + "ftrace\n", null,
                        "no design linux-9.9.9-amd64 in {spec}/manifest.tsv for the traces of kernel linux-9.9.9-amd64"
                                + " (the design of a kernel is named after it)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsOneLineNamingTheFile(Bad bad) throws IOException {
        Path dir = tmp.resolve("k");
        Path trace = dir.resolve("traces/0001-remove_store.trace");
        Files.createDirectories(trace.getParent());
        Files.writeString(trace, bad.trace());
        Path map = SPEC.resolve("traces/PciCore.map");
        List<String> args = new ArrayList<>();
        if (bad.map() != null) {
            map = tmp.resolve("bad.map");
            Files.writeString(map, bad.map());
            args.addAll(List.of("--map", map.toString()));
        }
        args.add(dir.toString());
        BadInputTest.Outcome o = tracesInto(tmp.resolve("out"), args.toArray(String[]::new));
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.stderr()).isEqualTo("error: " + bad.expected().replace("{trace}", trace.toString())
                .replace("{map}", map.toString()).replace("{spec}", SPEC.toString()) + "\n");
        assertThat(tmp.resolve("out/kernel/report.md")).doesNotExist();
    }
}
