package pcilc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import pcilc.model.Manifest;
import pcilc.tlc.ModelCheck;

/** Swimlanes and sequence diagrams of real TLC counterexamples: the tiny specs and nechita-v9. */
class SwimlaneTest {
    static final Path TINY = Path.of("src/test/resources/tiny");
    static final Path SPEC = Path.of(System.getProperty("pcilc.specDir", "../spec"));
    static final Path OUT = Path.of("target/review-test");

    static Document xml(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
    }

    static Review.Files review(Path specDir, Manifest.Design d) {
        ModelCheck checker = new ModelCheck(specDir, OUT.resolve("tlc"));
        return Review.write(checker, specDir, d, checker.run(d, item -> { }), OUT);
    }

    @Nested
    class Tiny {
        @Test
        void theCounterDeadlockHasOneColumnAndTheChangedVariable() throws Exception {
            Review.Files files = review(TINY, new Manifest.Design("counter-deadlock", "Counter", "deadlock.cfg",
                    "deadlock", 4, 4, "stops at 3"));
            String md = Files.readString(files.markdown());
            assertThat(md).contains("| # | `Counter` | changed |")
                    .contains("| 1 |  | initial state (below) |")
                    .contains("| 4 | **`Inc`** | `x: 2 → 3` |")
                    .contains("**Deadlock** in state 4: no thread can take a step.")
                    .contains("/\\ x = 0")
                    .doesNotContain("Wait-for cycle");
            assertThat(xml(files.svg()).getDocumentElement().getLocalName()).isEqualTo("svg");
        }

        @Test
        void aLassoShowsWhereItLoopsBack() throws Exception {
            Review.Files files = review(TINY, new Manifest.Design("loop", "Loop", "loop.cfg", "property:ReachesFive", 0, 0,
                    "x cycles"));
            String md = Files.readString(files.markdown());
            assertThat(md).contains("| 1 ⟲ |").contains("| ↩ 1 | **`Step`** | `x: 2 → 0` |")
                    .contains("after state 3 it goes back to state 1, and states 1 to 3 repeat forever.");
            assertThat(Files.readString(files.svg())).contains(">loops back</text>");
            xml(files.svg());
        }
    }

    @Nested
    class NechitaV9 {
        static Review.Files files;

        @BeforeAll
        static void run() {
            files = review(SPEC, Manifest.load(SPEC).design("nechita-v9"));
        }

        @Test
        void theWaitForCycleIsSpelledOut() throws Exception {
            assertThat(Files.readString(files.markdown())).contains("**Wait-for cycle:** `remove_store` holds "
                    + "pci_rescan_remove_lock, waits device_lock(PF) held by `unbind_store`, which waits "
                    + "pci_rescan_remove_lock held by `remove_store`.");
        }

        @Test
        void eachRowHasTheActingThreadsStepAndEveryThreadsLocks() throws Exception {
            List<String> rows = Files.readString(files.markdown()).lines().filter(l -> l.matches("\\| \\d+ \\|.*")).toList();
            assertThat(rows).hasSize(7);
            assertThat(rows.get(2)).isEqualTo("| 3 | **`PciStopAndRemoveBusDeviceLocked`**<br>→ "
                    + "`pci_stop_and_remove_bus_device(PF):entry`<br>holds `pci_rescan_remove_lock` |  | "
                    + "`rescanLock.depth: 0 → 1`<br>`rescanLock.owner: \"none\" → \"remove_store\"` |");
            // Step 5 leaves remove_store runnable: device_lock(PF) is still free, so it does not wait yet.
            assertThat(rows.get(4)).startsWith("| 5 | holds `pci_rescan_remove_lock` | **`UnbindStore`**");
            assertThat(rows.get(6)).isEqualTo("| 7 | holds `pci_rescan_remove_lock`<br>**waits** `device_lock(PF)`, held by "
                    + "`unbind_store` | **`PciDeviceRemove`**<br>→ `sriov_del_vfs(PF):entry`<br>holds `device_lock(PF)`<br>"
                    + "**waits** `pci_rescan_remove_lock`, held by `remove_store` |  |");
        }

        @Test
        void theSvgIsWellFormedWithLifelinesStepsAndTheCycleInRed() throws Exception {
            Document svg = xml(files.svg());
            NodeList texts = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
            List<String> words = new java.util.ArrayList<>();
            for (int i = 0; i < texts.getLength(); i++) {
                words.add(texts.item(i).getTextContent());
            }
            assertThat(words).contains("remove_store", "unbind_store", "PciStopAndRemoveBusDeviceLocked",
                    "waits device_lock(PF)", "waits pci_rescan_remove_lock", "deadlock: the wait-for cycle");
            NodeList lines = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line");
            int redArrows = 0;
            for (int i = 0; i < lines.getLength(); i++) {
                Element line = (Element) lines.item(i);
                if (line.getAttribute("stroke").equals("#d62728") && line.getAttribute("marker-end").contains("arrow-red")) {
                    redArrows++;
                }
            }
            assertThat(redArrows).as("one red arrow per edge of the two-thread cycle").isEqualTo(2);
        }

        @Test
        void drawingTwiceGivesTheSameBytes() throws Exception {
            String first = Files.readString(files.svg());
            String firstMd = Files.readString(files.markdown());
            Review.Files again = review(SPEC, Manifest.load(SPEC).design("nechita-v9"));
            assertThat(Files.readString(again.svg())).isEqualTo(first);
            assertThat(Files.readString(again.markdown())).isEqualTo(firstMd);
        }
    }


    @Nested
    class ZpciPreSelfdelete {
        @Test
        void theFirmwareHasAColumnAndTheEnabledProbeShowsTheStateLockWait() throws Exception {
            // the probe quantifies FirmwareEvent's parameters (a probe of FirmwareEvent(t) alone does not parse)
            Review.Files f = review(SPEC, Manifest.load(SPEC).design("zpci-pre-selfdelete"));
            String md = Files.readString(f.markdown());
            assertThat(md).contains("| # | `firmware` | `zpci_event` | `power_off` | changed |")
                    .contains("**`FirmwareEvent`**")
                    .contains("**waits** `state_lock(PF zdev 1)`, held by `power_off`");
        }
    }
    @Nested
    class ThreadOf {
        private pcilc.model.Counterexample.State state(int index, String action, String pc, String vec) {
            java.util.Map<String, pcilc.model.TlaValue> vars = new java.util.LinkedHashMap<>();
            vars.put("pc", pcilc.model.TlaValueParser.parse(pc));
            vars.put("vec", pcilc.model.TlaValueParser.parse(vec));
            return new pcilc.model.Counterexample.State(index, action, vars, java.util.Map.of());
        }

        @Test
        void theDeviceWhoseLabelChangedElseWhoseOwnEntryChanged() {
            ThreadLocks xen = ThreadLocks.forModule("XenPirq");
            var s1 = state(1, "Init", "[nvme0 |-> \"setup\", nvme1 |-> \"setup\"]", "[nvme0 |-> 1, nvme1 |-> 1]");
            var s2 = state(2, "XenHvmSetupMsiIrqs", "[nvme0 |-> \"setup\", nvme1 |-> \"startup\"]", "[nvme0 |-> 1, nvme1 |-> 1]");
            var s3 = state(3, "XenHvmSetupMsiIrqs", "[nvme0 |-> \"setup\", nvme1 |-> \"startup\"]", "[nvme0 |-> 2, nvme1 |-> 1]");
            assertThat(xen.threadOf(s1, s2)).isEqualTo("nvme1");
            // nvme0 stays at "setup" for its next vector: its vec[nvme0] tells.
            assertThat(xen.threadOf(s2, s3)).isEqualTo("nvme0");
            assertThat(xen.threadOf(s3, s3)).isEqualTo("?");
        }
    }

    @Nested
    class WaitFor {
        @Test
        void aThreeThreadCycleStartsAtTheFirstColumnAndNamesEveryLock() {
            List<Swimlane.WaitFor> edges = List.of(new Swimlane.WaitFor("c", "L3", "a"),
                    new Swimlane.WaitFor("b", "L2", "c"), new Swimlane.WaitFor("a", "L1", "b"),
                    new Swimlane.WaitFor("d", "L1", "b"));
            List<Swimlane.WaitFor> cycle = Swimlane.findCycle(edges, List.of("a", "b", "c", "d"));
            assertThat(cycle).extracting(Swimlane.WaitFor::from).containsExactly("a", "b", "c");
        }

        @Test
        void noCycleWhenSomeoneWaitsForNobody() {
            assertThat(Swimlane.findCycle(List.of(new Swimlane.WaitFor("a", "L", null),
                    new Swimlane.WaitFor("b", "L2", "a")), List.of("a", "b"))).isEmpty();
        }

        @Test
        void aChangedFunctionEntryAndRecordFieldAreNamedOneByOne() {
            List<String> out = new java.util.ArrayList<>();
            Swimlane.diff("deviceLock", pcilc.model.TlaValueParser.parse("[PF |-> \"none\", VF |-> \"none\"]"),
                    pcilc.model.TlaValueParser.parse("[PF |-> \"unbind_store\", VF |-> \"none\"]"), out);
            Swimlane.diff("queue", pcilc.model.TlaValueParser.parse("<<>>"),
                    pcilc.model.TlaValueParser.parse("<<<<\"PF\", \"0x0304\">>>>"), out);
            assertThat(out).containsExactly("deviceLock[PF]: \"none\" → \"unbind_store\"",
                    "queue: <<>> → <<<<\"PF\", \"0x0304\">>>>");
        }
    }
}
