package pcilc.ref.xen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pcilc.ref.SpecDesign;
import pcilc.model.SpecValue;
import pcilc.ref.StepScheduler;
import pcilc.ref.Task;

class XenPirqTest {

    /** Runs {@code op} as a task (the hypervisor's locks want one). */
    private static void asTask(Runnable op) {
        new Task("test").run(op);
    }

    @Test
    @DisplayName("the hypervisor hands out the highest free pirq, then -ENOSPC; QEMU's unmap frees one device's pirqs")
    void pirqTable() {
        Hypervisor hv = new Hypervisor();
        asTask(() -> {
            assertThat(hv.physdevGetFreePirq("nvme0")).isEqualTo(4);
            assertThat(hv.physdevGetFreePirq("nvme1")).isEqualTo(3);
            assertThat(hv.physdevGetFreePirq("nvme0")).isEqualTo(2);
            assertThat(hv.physdevGetFreePirq("nvme1")).isEqualTo(1);
            assertThat(hv.physdevGetFreePirq("nvme0")).isEqualTo(Hypervisor.ENOSPC);
            hv.physdevUnmapPirqs("nvme0");
            assertThat(SpecValue.format(hv.pirqTable())).isEqualTo("<<\"nvme1\", \"free\", \"nvme1\", \"free\">>");
            assertThat(hv.physdevGetFreePirq("nvme1")).isEqualTo(4);
        });
    }

    @Test
    @DisplayName("QEMU's map of a cached pirq fails if it is mapped for another device; EVTCHNOP_bind_pirq needs a "
            + "mapped pirq without a channel")
    void mapAndBind() {
        Hypervisor hv = new Hypervisor();
        asTask(() -> {
            assertThat(hv.evtchnopBindPirq(4, "nvme0")).as("not mapped").isFalse();
            assertThat(hv.physdevGetFreePirq("nvme1")).isEqualTo(4);
            assertThat(hv.physdevMapPirq(4, "nvme0")).isFalse();
            assertThat(hv.physdevMapPirq(3, "nvme0")).isTrue();
            assertThat(hv.evtchnopBindPirq(4, "nvme0")).as("mapped, for whichever device").isTrue();
            assertThat(hv.evtchnopBindPirq(4, "nvme1")).as("already bound").isFalse();
            hv.evtchnopClose(4);
            assertThat(SpecValue.format(hv.evtchnTable())).isEqualTo("<<\"none\", \"none\", \"none\", \"none\">>");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xen-pirq-cached", "xen-pirq-fresh"})
    @DisplayName("one probe alone completes in both designs: its torn-down irq no longer maps the cached pirq")
    void oneProbeAlone(String design) {
        XenPirqSystem k = (XenPirqSystem) SpecDesign.system(design);
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(List.of("nvme0", "nvme1"));
            while (s.canProgress("nvme0")) {
                s.step("nvme0");
            }
            assertThat(s.trace()).containsExactly("nvme0:PciEnableMsixRange", "nvme0:XenHvmSetupMsiIrqs",
                    "nvme0:StartupPirq", "nvme0:ShutdownPirq", "nvme0:QemuDisableMsix", "nvme0:XenTeardownMsiIrq",
                    "nvme0:PciEnableMsixRange", "nvme0:XenHvmSetupMsiIrqs", "nvme0:XenHvmSetupMsiIrqs",
                    "nvme0:StartupPirq");
            assertThat(SpecValue.format(k.snapshot().get("msgPirq"))).isEqualTo("[nvme0 |-> <<4, 3>>, nvme1 |-> <<0, 0>>]");
            assertThat(SpecValue.format(k.snapshot().get("evtchn"))).isEqualTo("<<\"none\", \"none\", \"nvme0\", \"nvme0\">>");
            assertThat(k.violatedInvariants()).isEmpty();
        }
    }

    @Test
    @DisplayName("cached: the seed's NVMe interleaving; nvme0 re-uses pirq 4 that nvme1 now has")
    void staleCachedPirq() {
        XenPirqSystem k = (XenPirqSystem) SpecDesign.system("xen-pirq-cached");
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(List.of("nvme0", "nvme1"));
            for (int i = 0; i < 6; i++) {
                s.step("nvme0"); // one vector: get 4, request, free, disable (QEMU unmaps 4), teardown
            }
            s.step("nvme1");
            s.step("nvme1"); // nvme1 gets 4
            s.step("nvme0");
            assertThat(s.step("nvme0")).isEqualTo("XenHvmSetupMsiIrqs"); // re-uses 4
            assertThat(SpecValue.format(k.snapshot().get("irqPirq"))).isEqualTo("[nvme0 |-> <<4, 0>>, nvme1 |-> <<4, 0>>]");
            assertThat(k.violatedInvariants()).containsExactly("NoSharedPirqInv");
        }
    }
}
