package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import pcilc.conform.Replay;
import pcilc.model.StateGraph;

/**
 * The documented buggy interleaving of each failing design: TLC's counterexample as the generated conformance
 * data holds it (make generate: TLC's own trace, mapped onto its state graph with each step's thread and
 * parameters), driven through the step scheduler by the conformance harness ({@link Replay}): after every
 * step the snapshot equals TLC's state, and the implementation fails the way the spec does: PCI core, zPCI
 * (mainline's lasso too), and the small modules (spec/CfgAccess.tla, seed 003; spec/XenPirq.tla, seed 002).
 * Here, besides, every invariant the implementation knows holds until the violating state, where the first
 * one violated is TLC's, and none is violated at a deadlock. The same operations then run cleanly in the
 * fixed designs, and v11's hot-unplug deadlocks complete in proposal-unbind-hotplug.
 */
class DocumentedInterleavingTest {

    @ParameterizedTest(name = "{0}: TLC's counterexample replays step by step, same failure")
    @ValueSource(strings = {"sriov-unlocked", "sriov-numvfs-remove", "sriov-numvfs-hotplug", "sriov-mutex",
            "nechita-v9", "nechita-v10", "nechita-v11-hotplug", "nechita-v11-numvfs-hotplug",
            "cfgaccess-2011", "cfgaccess-blockcount", "xen-pirq-cached",
            "zpci-pre-reuse", "zpci-pre-serialize", "zpci-pre-selfdelete", "zpci-pre-dupput", "zpci-pre-createcheck",
            "zpci-sriov-deadlock",
            "zpci-block-v3-hotplug", "zpci-sriov-selfdeadlock"})
    void replaysTheCounterexample(String design) {
        replay(design);
    }

    /** Its cfg runs v11's code (Design = "nechita-v11-hotplug") with remove_store in place of unbind_store. */
    @Test
    @DisplayName("nechita-v11-remove-hotplug (v11's remove_store vs PF hot-unplug): TLC's counterexample replays in v11")
    void replaysV11RemoveStoreVsHotplug() {
        replay("nechita-v11-remove-hotplug");
    }

    /**
     * Replays TLC's counterexample of {@code design} step by step to the same deadlock or invariant; every
     * invariant the implementation checks, the cfg's and any other, holds before the end (TLC reports the
     * first violated invariant in the cfg's order, as violatedInvariants lists them).
     */
    static void replay(String design) {
        Replay data = Replay.load(design);
        String result = data.graph().trace().result();
        int last = data.graph().trace().steps().size();
        data.counterexample((s, step) -> {
            List<String> broken = s.system().violatedInvariants();
            if (step < last) {
                assertThat(broken).as("step %d: invariants", step).isEmpty();
            } else if (result.equals("deadlock")) {
                assertThat(s.hung()).as("hang after the trace: %s", s.states()).isTrue();
                assertThat(broken).as("invariants at the deadlock").isEmpty();
            } else {
                assertThat(broken).as("invariants after the trace").startsWith(result.substring("invariant:".length()));
            }
        });
    }

    @Test
    @DisplayName("zpci-mainline: the stale-0x0301 lasso replays step by step and ends with nothing left to do, "
            + "the platform in standby and Linux holding the function CONFIGURED (StandbyEventuallyUsable fails)")
    @SuppressWarnings("unchecked")
    void mainlineStaleConfigureReplays() {
        Replay data = Replay.load("zpci-mainline");
        assertThat(data.graph().trace().result()).isEqualTo("property:StandbyEventuallyUsable");
        int last = data.graph().trace().steps().size();
        data.counterexample((s, step) -> {
            ZpciKernel k = (ZpciKernel) s.system();
            assertThat(k.violatedInvariants()).as("step %d: invariants", step).isEmpty();
            if (step < last) {
                return;
            }
            // TLC's lasso ends in stuttering: nothing can move, which is termination, not a hang
            assertThat(s.progressing()).isEmpty();
            assertThat(k.terminated()).isTrue();
            assertThat(s.hung()).isFalse();
            Map<String, Object> end = k.snapshot();
            assertThat((Map<String, Object>) end.get("pstate")).containsEntry("PF", "Standby");
            assertThat(k.zpci.slotZdev("PF").state).isEqualTo(ZpciState.CONFIGURED);
            // neither power value recovers: power=1 needs STANDBY, power=0's SCLP deconfigure fails
            assertThat(k.platform.sclpDeconfigure("PF")).isFalse();
        });
    }

    /**
     * Runs the threads of {@code traceDesign}'s counterexample in {@code design} (its own cfg's model),
     * preferring the counterexample's thread order; the scheduler's verdict.
     */
    static String runPreferringTraceOrder(String traceDesign, String design) {
        StateGraph trace = Replay.load(traceDesign).graph();
        SpecSystem k = Replay.load(design).newSystem();
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(trace.threads());
            List<String> order = trace.trace().steps().stream().map(StateGraph.Edge::thread).toList();
            int i = 0;
            while (!s.allFinished()) {
                if (s.hung()) {
                    return "deadlock";
                }
                String preferred = i < order.size() ? order.get(i) : null;
                i++;
                String t = preferred != null && s.canProgress(preferred) ? preferred : s.progressing().get(0);
                s.step(t);
                List<String> broken = k.violatedInvariants();
                if (!broken.isEmpty()) {
                    return "invariant:" + broken.get(0);
                }
            }
            return "pass";
        }
    }

    @ParameterizedTest(name = "{0}'s operations complete cleanly in {1}")
    @CsvSource({"cfgaccess-2011, cfgaccess-lock", "xen-pirq-cached, xen-pirq-fresh"})
    void smallModuleFixCompletes(String buggy, String fixed) {
        assertThat(runPreferringTraceOrder(buggy, fixed)).isEqualTo("pass");
        assertThat(runPreferringTraceOrder(buggy, buggy)).isEqualTo(Replay.load(buggy).graph().trace().result());
    }

    @ParameterizedTest(name = "{0}: the same operations complete cleanly in nechita-v11")
    @ValueSource(strings = {"sriov-unlocked", "sriov-mutex", "nechita-v9", "nechita-v10"})
    void fixedDesignCompletes(String design) {
        assertThat(runPreferringTraceOrder(design, "nechita-v11")).isEqualTo("pass");
        assertThat(runPreferringTraceOrder(design, design)).isNotEqualTo("pass");
    }

    @Test
    @DisplayName("nechita-v11-hotplug is v11's code: v11 hangs the same way")
    void hotplugLimitationIsV11() {
        assertThat(runPreferringTraceOrder("nechita-v11-hotplug", "nechita-v11")).isEqualTo("deadlock");
    }

    @ParameterizedTest(name = "{0}: the same operations complete cleanly in proposal-unbind-hotplug")
    @ValueSource(strings = {"nechita-v11-hotplug", "nechita-v11-remove-hotplug"})
    void proposalCompletesV11HotplugDeadlock(String trace) {
        assertThat(runPreferringTraceOrder(trace, "proposal-unbind-hotplug")).isEqualTo("pass");
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
        Kernel k = (Kernel) Replay.load("proposal-unbind-hotplug").newSystem();
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(Replay.load("nechita-v11-hotplug").graph().threads());
            assertThat(s.step("unbind_store")).isEqualTo("UnbindStore");
            assertThat(s.step("unbind_store")).isEqualTo("DeviceReleaseDriver");
            assertThat(s.step("unbind_store")).isEqualTo("PciDeviceRemove");
            // v11's state 5: the hot-unplug took the rescan lock here. Now it waits for device_lock(PF) first.
            assertThat(s.state("hotplug_pf").toString())
                    .isEqualTo("blocked before PciStopAndRemoveBusDeviceLocked on device_lock(PF) held by unbind_store");
            assertThat(k.rescanLock.owner()).isNull();
            assertThat(s.progressing()).containsExactly("unbind_store");
            for (String a : List.of("SriovDelVfs", "PciStopDev", "DeviceReleaseDriver", "PciDeviceRemove",
                    "PciDestroyDev", "DeviceDel", "DeviceReleaseDriver", "PciDeviceRemove", "PciDestroyDevPut",
                    "SriovDelVfsUnlock", "DeviceReleaseDriverUnlock")) {
                assertThat(s.step("unbind_store")).isEqualTo(a);
            }
            assertThat(s.state("unbind_store").kind()).isEqualTo(StepScheduler.Kind.FINISHED);
            for (String a : List.of("PciStopAndRemoveBusDeviceLocked", "PciStopAndRemoveBusDeviceLockedKillDevice",
                    "DeviceReleaseDriver", "PciDeviceRemove", "PciStopAndRemoveBusDeviceLockedLockRescan",
                    "PciStopDev", "DeviceReleaseDriver", "PciDeviceRemove", "PciDestroyDev", "DeviceDel",
                    "DeviceReleaseDriver", "PciDeviceRemove", "PciDestroyDevPut",
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
