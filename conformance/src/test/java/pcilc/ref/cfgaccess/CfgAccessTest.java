package pcilc.ref.cfgaccess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import pcilc.ref.SpecDesign;
import pcilc.model.SpecValue;
import pcilc.ref.StepScheduler;

class CfgAccessTest {

    private static String var(CfgAccessSystem k, String name) {
        return SpecValue.format(k.snapshot().get(name));
    }

    @Test
    @DisplayName("pci_cfg_access_lock: a second locker sleeps on pci_cfg_wait (blocked, not progressing); "
            + "the unlock wakes it and it takes the block")
    void lockSleepsWhileBlocked() {
        CfgAccessSystem k = (CfgAccessSystem) SpecDesign.system("cfgaccess-lock");
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(List.of("reset1", "reset2"));
            assertThat(s.step("reset1")).isEqualTo("PciCfgAccessLock");
            assertThat(s.step("reset2")).isEqualTo("PciCfgAccessLock");
            assertThat(s.state("reset2").toString()).isEqualTo("blocked before PciWaitCfg on pci_cfg_wait held by nobody");
            assertThat(var(k, "waitQueue")).isEqualTo("{\"reset2\"}");
            assertThat(var(k, "pc")).isEqualTo("[reset1 |-> \"pcie_flr\", reset2 |-> \"wait\"]");
            assertThat(s.progressing()).containsExactly("reset1");
            assertThat(s.step("reset1")).isEqualTo("PcieFlr");
            assertThat(s.step("reset1")).isEqualTo("PciCfgAccessUnlock");
            assertThat(var(k, "waitQueue")).isEqualTo("{}");
            assertThat(s.progressing()).containsExactly("reset2");
            assertThat(s.step("reset2")).isEqualTo("PciWaitCfg");
            assertThat(var(k, "blockers")).isEqualTo("{\"reset2\"}");
            assertThat(var(k, "pc")).isEqualTo("[reset1 |-> \"done\", reset2 |-> \"pcie_flr\"]");
            while (!s.allFinished()) {
                s.step("reset2");
            }
            assertThat(k.violatedInvariants()).isEmpty();
        }
    }

    @Test
    @DisplayName("pci_cfg_access_trylock in ipr's interrupt handler fails without sleeping; its timer retries "
            + "(a step that changes nothing) until the reset unlocks")
    void trylockRetriesFromTimer() {
        CfgAccessSystem k = (CfgAccessSystem) SpecDesign.system("cfgaccess-lock");
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(List.of("ipr_isr", "reset1"));
            s.step("reset1");
            assertThat(s.step("ipr_isr")).isEqualTo("IprIsr");
            assertThat(var(k, "pc")).isEqualTo("[ipr_isr |-> \"timer\", reset1 |-> \"pcie_flr\"]");
            assertThat(var(k, "waitQueue")).isEqualTo("{}");
            assertThat(s.progressing()).containsExactly("ipr_isr", "reset1");
            String before = SpecValue.format(k.snapshot());
            assertThat(s.step("ipr_isr")).isEqualTo("IprResetTimerDone");
            assertThat(SpecValue.format(k.snapshot())).isEqualTo(before);
            s.step("reset1");
            s.step("reset1");
            assertThat(s.step("ipr_isr")).isEqualTo("IprResetTimerDone");
            assertThat(var(k, "blockers")).isEqualTo("{\"ipr_isr\"}");
            assertThat(s.state("ipr_isr").action()).isEqualTo("IprResetStartBist");
        }
    }

    @Test
    @DisplayName("2011: the second pci_block_user_cfg_access BUGs; the oopsed task never runs again nor finishes, "
            + "a user read sleeps until the first reset unblocks")
    void blockTwiceIsABug() {
        CfgAccessSystem k = (CfgAccessSystem) SpecDesign.system("cfgaccess-2011");
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(List.of("reset1", "reset2", "user_read"));
            assertThat(s.step("reset1")).isEqualTo("PciBlockUserCfgAccess");
            assertThat(s.step("reset2")).isEqualTo("PciBlockUserCfgAccess");
            assertThat(k.violatedInvariants()).containsExactly("NoBugInv");
            assertThat(s.state("reset2").kind()).isEqualTo(StepScheduler.Kind.BLOCKED);
            assertThat(var(k, "pc")).contains("reset2 |-> \"bug\"");
            s.step("user_read");
            assertThat(s.progressing()).containsExactly("reset1");
            s.step("reset1");
            s.step("reset1");
            assertThat(s.progressing()).containsExactly("user_read");
            s.step("user_read");
            assertThat(s.hung()).as("reset2 never finishes").isTrue();
            assertThat(var(k, "userAccessInReset")).isEqualTo("FALSE");
        }
    }

    @Test
    @DisplayName("a user read during an ipr adapter reset in the 2011 design waits; the device never sees it")
    void userReadWaitsForIprReset() {
        CfgAccessSystem k = (CfgAccessSystem) SpecDesign.system("cfgaccess-2011");
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(List.of("ipr_isr", "user_read"));
            s.step("ipr_isr");
            s.step("ipr_isr");
            assertThat(s.step("user_read")).isEqualTo("PciUserReadConfig");
            assertThat(s.progressing()).containsExactly("ipr_isr");
            assertThat(s.step("ipr_isr")).isEqualTo("IprResetBistDone");
            assertThat(s.step("user_read")).isEqualTo("PciWaitCfg");
            assertThat(s.allFinished()).isTrue();
            assertThat(k.violatedInvariants()).isEmpty();
        }
    }

    @Test
    @DisplayName("block count (seed 003): a sysfs reset and the ipr job both block, no BUG, both in the config "
            + "space at once (Jan Kiszka's objection); the user read waits for the last unblock")
    void blockCountLetsTwoKernelUsersIn() {
        CfgAccessSystem k = (CfgAccessSystem) SpecDesign.system("cfgaccess-blockcount");
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(List.of("reset1", "ipr_isr", "user_read"));
            assertThat(s.step("reset1")).isEqualTo("PciBlockUserCfgAccess");
            assertThat(s.step("ipr_isr")).isEqualTo("IprIsr");
            assertThat(var(k, "blockCount")).isEqualTo("2");
            assertThat(var(k, "blockers")).isEqualTo("{\"ipr_isr\", \"reset1\"}");
            assertThat(k.violatedInvariants()).containsExactly("NoConcurrentKernelUsersInv");
            assertThat(s.step("user_read")).isEqualTo("PciUserReadConfig");
            s.step("reset1");
            assertThat(s.step("reset1")).isEqualTo("PciUnblockUserCfgAccess");
            assertThat(var(k, "blocked")).isEqualTo("TRUE");
            assertThat(s.progressing()).containsExactly("ipr_isr");
            s.step("ipr_isr");
            assertThat(s.step("ipr_isr")).isEqualTo("IprResetBistDone");
            assertThat(var(k, "blockCount")).isEqualTo("0");
            assertThat(s.step("user_read")).isEqualTo("PciWaitCfg");
            assertThat(s.allFinished()).isTrue();
            assertThat(var(k, "userAccessInReset")).isEqualTo("FALSE");
        }
    }

    @RepeatedTest(20)
    @DisplayName("free-running on real threads (the lock design): every thread finishes, no invariant breaks")
    void freeRunning() throws InterruptedException {
        CfgAccessSystem k = (CfgAccessSystem) SpecDesign.system("cfgaccess-lock");
        k.checkInvariantsAtStepPoints(k.invariants());
        List<Thread> threads = new ArrayList<>();
        for (String n : CfgAccessSystem.THREADS) {
            k.task(n);
            threads.add(new Thread(() -> k.runThread(n), n));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(10_000);
            assertThat(t.isAlive()).as("%s finished", t.getName()).isFalse();
        }
        assertThat(k.violations()).isEmpty();
        assertThat(var(k, "pc")).isEqualTo(
                "[ipr_isr |-> \"done\", reset1 |-> \"done\", reset2 |-> \"done\", user_read |-> \"done\"]");
    }
}
