package pcilc.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import pcilc.model.Manifest;
import pcilc.tlc.DesignRun;
import pcilc.tlc.GraphMain;
import pcilc.tlc.ModelCheck;
import pcilc.model.ToolError;

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

    /** The design's one TLC run (make's file rule) writes the result, the graph and the view; the review reads them. */
    static Review.Files review(Path specDir, Manifest.Design d) {
        ModelCheck.Result result = DesignRun.run(specDir, OUT.resolve("tlc"), OUT, d);
        Path graph = DesignRun.graph(OUT, d.name());
        return Review.write(specDir, d, result, graph, GraphMain.viewFile(graph), OUT);
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
        void theDeadlockIsExplainedByTheNextStateRelationAndItsStutteringDisjunct() throws Exception {
            String md = Files.readString(files.markdown());
            assertThat(md).contains("**Deadlock** in state 7: no thread can take a step.\n\nTLC's deadlock: `Next`, the"
                    + " next-state relation, allows no step in this state. Its disjunct `Terminated` is the stuttering of"
                    + " a system whose threads have all finished, so here some thread has work left and none can take a"
                    + " step.\n\n`Next` in spec/PciCore.tla:" + lineOf("PciCore.tla", "Next ==") + ":\n\n```tla\n"
                    + "Next == (\\E t \\in Threads : ThreadStep(t)) \\/ Terminated\n```\n")
                    .contains("`Terminated` in spec/PciCore.tla:" + lineOf("PciCore.tla", "Terminated ==") + ":\n\n"
                            + "```tla\nFinished(t) == stack[t] = << >>\n\\* All threads have returned: stuttering, so TLC"
                            + " does not call it a deadlock.\nTerminated == ");
            assertThat(files.definitions()).startsWith("TLC's deadlock: Next, the next-state relation, allows no step")
                    .contains("\nNext (spec/PciCore.tla:" + lineOf("PciCore.tla", "Next ==") + ")\n    Next == ");
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
        void theFirmwareHasAColumnAndTheStateLockWaitIsNamed() throws Exception {
            // the firmware's steps are edges of its own (FirmwareEvent(t, f, pec, s) binds t first)
            Review.Files f = review(SPEC, Manifest.load(SPEC).design("zpci-pre-selfdelete"));
            String md = Files.readString(f.markdown());
            assertThat(md).contains("| # | `firmware` | `zpci_event` | `power_off` | changed |")
                    .contains("**`FirmwareEvent`**")
                    .contains("**waits** `state_lock(PF zdev 1)`, held by `power_off`");
        }
    }
    @Nested
    class SriovUnlocked {
        static Review.Files files;

        @BeforeAll
        static void run() {
            files = review(SPEC, Manifest.load(SPEC).design("sriov-unlocked"));
        }

        @Test
        void theViolatedInvariantFollowsTheVerdictWithTheCommentAboveIt() throws Exception {
            int line = lineOf("PciCore.tla", "NoDoubleRemoveInv ==");
            String definition = "\\* device_del() runs at most once per device: removing a device twice\n"
                    + "\\* corrupts the bus list and drops references that are not held.\n"
                    + "NoDoubleRemoveInv == \\A d \\in Devices : removeCount[d] <= 1";
            assertThat(Files.readString(files.markdown())).contains("**Invariant `NoDoubleRemoveInv` is violated** in"
                    + " state 19.\n\n`NoDoubleRemoveInv` in spec/PciCore.tla:" + line + ":\n\n```tla\n" + definition
                    + "\n```\n");
            assertThat(files.definitions()).isEqualTo("violated: NoDoubleRemoveInv (spec/PciCore.tla:" + line + ")\n"
                    + definition.lines().map(l -> "    " + l + "\n").reduce("", String::concat));
        }

        @Test
        void theLastStateWhichTlcDidNotExpandShowsNoWaitWhereAThreadCanStep() throws Exception {
            // TLC stops at the violating state before it writes that state's edges: without the view's steps
            // record every thread there would look blocked.
            List<String> rows = Files.readString(files.markdown()).lines().filter(l -> l.matches("\\| \\d+ \\|.*")).toList();
            assertThat(rows.get(rows.size() - 1)).startsWith("| 19 | holds `device_lock(PF)` | **`PciDestroyDevPut`**")
                    .doesNotContain("waits");
        }
    }

    @Nested
    class SpecErrors {
        /** Counter with {@code operators} added, as design {@code lanes} (deadlock.cfg) in {@code dir}/spec. */
        private Review.Files review(Path dir, String operators) throws Exception {
            Path spec = Files.createDirectories(dir.resolve("spec"));
            Files.copy(TINY.resolve("deadlock.cfg"), spec.resolve("deadlock.cfg"));
            Files.writeString(spec.resolve("Lanes.tla"), Files.readString(TINY.resolve("Counter.tla"))
                    .replace("MODULE Counter", "MODULE Lanes").replace("====", operators + "====\n"));
            Manifest.Design d = new Manifest.Design("lanes", "Lanes", "deadlock.cfg", "deadlock", 4, 4, "x");
            ModelCheck.Result result = DesignRun.run(spec, dir.resolve("tlc"), dir, d);
            Path graph = DesignRun.graph(dir, d.name());
            assertThat(graph).as("the graph does not need the view").isRegularFile();
            return Review.write(spec, d, result, graph, GraphMain.viewFile(graph), dir);
        }

        @Test
        void aSwimlaneOperatorTheViewLacksIsNamedWithTheModuleAndLine(@TempDir Path dir) {
            assertThatThrownBy(() -> review(dir, "SwimlaneThreads == <<\"counter\">>\n")).isInstanceOf(ToolError.class)
                    .hasMessage(dir.resolve("spec/Lanes.tla") + ":11: SwimlaneThreads: the swimlane view also needs"
                            + " SwimlanePositionVars in module Lanes");
        }

        @Test
        void anOperatorTlcCannotEvaluateIsNamedWithTheThread(@TempDir Path dir) {
            assertThatThrownBy(() -> review(dir, "SwimlaneThreads == <<\"counter\">>\nSwimlanePositionVars == {}\n"
                    + "SwimlanePosition(t) == x + t\nSwimlaneBusy(t) == FALSE\nSwimlaneHolds(t) == <<>>\n"
                    + "SwimlaneNeeds(t) == [lock |-> \"\", holders |-> {}]\n")).isInstanceOf(ToolError.class)
                    .hasMessageStartingWith(dir.resolve("spec/Lanes.tla") + ":13: SwimlanePosition: cannot be evaluated for"
                            + " thread \"counter\" (the swimlane view): ");
        }

        @Test
        void aViewCutShortIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
            Path view = dir.resolve("x.view");
            Files.writeString(view, View.MAGIC + "\nthreads\ta\n");
            assertThatThrownBy(() -> View.read(view)).isInstanceOf(ToolError.class)
                    .hasMessage(view + ": truncated (no end line after line 2)");
        }
    }

    /** The line of the real spec's module that starts with {@code start}. */
    static int lineOf(String module, String start) {
        try {
            List<String> lines = Files.readAllLines(SPEC.resolve(module));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(start)) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError(module + " has no line starting with " + start);
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
