package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documented buggy interleaving of each failing design (TLC's counterexample, kept in
 * src/test/resources/traces), driven through the step scheduler: after every step the snapshot equals
 * TLC's state variable by variable, and the implementation fails the way the spec does. The same
 * operations then run cleanly in nechita-v11, and v11's hot-unplug deadlocks in proposal-unbind-hotplug.
 */
class DocumentedInterleavingTest {

    @ParameterizedTest(name = "{0}: TLC's counterexample replays step by step, same failure")
    @ValueSource(strings = {"sriov-unlocked", "sriov-mutex", "nechita-v9", "nechita-v10", "nechita-v11-hotplug"})
    void replaysTheCounterexample(String design) {
        replay(design, Design.bySpecName(design));
    }

    @Test
    @DisplayName("nechita-v11-remove-hotplug (v11's remove_store vs PF hot-unplug): TLC's counterexample replays in v11")
    void replaysV11RemoveStoreVsHotplug() {
        replay("nechita-v11-remove-hotplug", Design.NECHITA_V11_HOTPLUG);
    }

    /** Replays TLC's counterexample {@code traceName} in {@code design}, step by step, to the same failure. */
    static void replay(String traceName, Design design) {
        TlcTrace trace = TlcTrace.load(traceName);
        Kernel k = new Kernel(design);
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(trace.threads());
            assertSameState(0, "Init", k, trace.steps().get(0).state());
            int last = trace.steps().size() - 1;
            for (int i = 1; i <= last; i++) {
                TlcTrace.Step step = trace.steps().get(i);
                assertThat(s.state(step.thread()).action()).as("step %d: next action of %s", i, step.thread())
                        .isEqualTo(step.action());
                assertThat(s.canProgress(step.thread())).as("step %d %s enabled", i, step.action()).isTrue();
                s.step(step.thread());
                assertSameState(i, step.action(), k, step.state());
                if (i < last) {
                    assertThat(Invariants.violated(k)).as("step %d %s: invariants", i, step.action()).isEmpty();
                }
            }
            if (trace.error().equals("deadlock")) {
                assertThat(s.hung()).as("hang after the trace: %s", s.states()).isTrue();
                assertThat(Invariants.violated(k)).isEmpty();
            } else {
                String inv = trace.error().substring("invariant:".length());
                assertThat(Invariants.violated(k)).containsExactly(inv);
            }
        }
    }

    static void assertSameState(int i, String action, Kernel k, Map<String, Object> expected) {
        Map<String, Object> actual = Snapshot.of(k);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(actual.keySet()).as("step %d %s: variables", i, action).isEqualTo(expected.keySet());
        for (String var : expected.keySet()) {
            soft.assertThat(actual.get(var)).as("step %d %s: %s", i, action, var).isEqualTo(expected.get(var));
        }
        soft.assertAll();
    }

    /** Runs the trace's threads in {@code design}, preferring the trace's thread order; returns the scheduler's verdict. */
    static String runPreferringTraceOrder(String traceDesign, Design design) {
        TlcTrace trace = TlcTrace.load(traceDesign);
        Kernel k = new Kernel(design);
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(trace.threads());
            List<String> order = trace.steps().stream().skip(1).map(TlcTrace.Step::thread).toList();
            int i = 0;
            while (!s.allFinished()) {
                if (s.hung()) {
                    return "deadlock";
                }
                String preferred = i < order.size() ? order.get(i) : null;
                i++;
                String t = preferred != null && s.canProgress(preferred) ? preferred : s.progressing().get(0);
                s.step(t);
                List<String> broken = Invariants.violated(k);
                if (!broken.isEmpty()) {
                    return "invariant:" + broken.get(0);
                }
            }
            return "pass";
        }
    }

    @ParameterizedTest(name = "{0}: the same operations complete cleanly in nechita-v11")
    @ValueSource(strings = {"sriov-unlocked", "sriov-mutex", "nechita-v9", "nechita-v10"})
    void fixedDesignCompletes(String design) {
        assertThat(runPreferringTraceOrder(design, Design.NECHITA_V11)).isEqualTo("pass");
        assertThat(runPreferringTraceOrder(design, Design.bySpecName(design))).isNotEqualTo("pass");
    }

    @Test
    @DisplayName("nechita-v11-hotplug is v11's code: v11 hangs the same way")
    void hotplugLimitationIsV11() {
        assertThat(runPreferringTraceOrder("nechita-v11-hotplug", Design.NECHITA_V11)).isEqualTo("deadlock");
    }

    @ParameterizedTest(name = "{0}: the same operations complete cleanly in proposal-unbind-hotplug")
    @ValueSource(strings = {"nechita-v11-hotplug", "nechita-v11-remove-hotplug"})
    void proposalCompletesV11HotplugDeadlock(String trace) {
        assertThat(runPreferringTraceOrder(trace, Design.PROPOSAL_UNBIND_HOTPLUG)).isEqualTo("pass");
    }

    /**
     * TLC's nechita-v11-hotplug counterexample, step by step in the proposal: unbind_store holds device_lock(PF)
     * and is about to take the rescan lock in sriov_del_vfs(), as in v11; the hot-unplug's first step is now
     * device_lock(PF) (for kill_device()), not the rescan lock, so it waits without holding anything and
     * unbind_store goes on to remove the VFs. Then the hot-unplug kills the PF, finds no driver to release,
     * and removes the PF under the rescan lock.
     */
    @Test
    @DisplayName("proposal-unbind-hotplug: v11's deadlocking interleaving, step by step, ends with both operations done")
    void proposalUnbindVsHotplugStepByStep() {
        Kernel k = new Kernel(Design.PROPOSAL_UNBIND_HOTPLUG);
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(TlcTrace.load("nechita-v11-hotplug").threads());
            assertThat(s.step("unbind_store")).isEqualTo("UnbindStore");
            assertThat(s.step("unbind_store")).isEqualTo("DeviceReleaseDriver");
            assertThat(s.step("unbind_store")).isEqualTo("PciDeviceRemove");
            // v11's state 5: the hot-unplug took the rescan lock here. Now it waits for device_lock(PF) first.
            assertThat(s.state("hotplug_pf").toString())
                    .isEqualTo("blocked before PciStopAndRemoveBusDeviceLocked on device_lock(PF) held by unbind_store");
            assertThat(k.rescanLock.owner()).isNull();
            assertThat(s.progressing()).containsExactly("unbind_store");
            for (String a : List.of("SriovDelVfs", "PciStopDev", "DeviceReleaseDriver", "PciDeviceRemove",
                    "PciRemoveBusDevice", "SriovDelVfsUnlock", "DeviceReleaseDriverUnlock")) {
                assertThat(s.step("unbind_store")).isEqualTo(a);
            }
            assertThat(s.state("unbind_store").kind()).isEqualTo(StepScheduler.Kind.FINISHED);
            for (String a : List.of("PciStopAndRemoveBusDeviceLocked", "PciStopAndRemoveBusDeviceLockedKillDevice",
                    "DeviceReleaseDriver", "PciDeviceRemove", "PciStopAndRemoveBusDeviceLockedLockRescan",
                    "PciStopDev", "DeviceReleaseDriver", "PciDeviceRemove", "PciRemoveBusDevice",
                    "PciStopAndRemoveBusDeviceLockedUnlock")) {
                assertThat(s.step("hotplug_pf")).isEqualTo(a);
                assertThat(Invariants.violated(k)).as("after hotplug_pf %s", a).isEmpty();
            }
            assertThat(s.allFinished()).isTrue();
            assertThat(k.pf.removeCount).isEqualTo(1);
            assertThat(k.vf.removeCount).isEqualTo(1);
            assertThat(k.pf.driver).isNull();
            assertThat(k.rescanLock.owner()).isNull();
        }
    }
}
