package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StepSchedulerTest {

    @Test
    @DisplayName("a started thread is parked at its first step point, named after the spec action")
    void startParks() {
        try (StepScheduler s = new StepScheduler((Kernel) SpecDesign.system("nechita-v11"))) {
            s.start("bind_store");
            assertThat(s.state("bind_store").kind()).isEqualTo(StepScheduler.Kind.PARKED);
            assertThat(s.state("bind_store").action()).isEqualTo("BindStore");
            assertThat(s.system().snapshot()).extractingByKey("stack").asString()
                    .isEqualTo("{bind_store=[{dev=PF, pc=entry, proc=bind_store}]}");
        }
    }

    @Test
    @DisplayName("blocked on device_lock held by another thread; progress again once it is released")
    void blockedThenReleased() {
        try (StepScheduler s = new StepScheduler((Kernel) SpecDesign.system("nechita-v11"))) {
            s.startAll(List.of("bind_store", "sriov_numvfs_store"));
            assertThat(s.step("bind_store")).isEqualTo("BindStore");
            StepScheduler.State st = s.state("sriov_numvfs_store");
            assertThat(st.kind()).isEqualTo(StepScheduler.Kind.BLOCKED);
            assertThat(st.lock()).isEqualTo("device_lock(PF)");
            assertThat(st.holder()).isEqualTo("bind_store");
            assertThat(s.progressing()).containsExactly("bind_store");
            assertThatThrownBy(() -> s.step("sriov_numvfs_store")).isInstanceOf(IllegalStateException.class);
            assertThat(s.step("bind_store")).isEqualTo("BindStoreProbe");
            assertThat(s.state("bind_store").kind()).isEqualTo(StepScheduler.Kind.FINISHED);
            assertThat(s.progressing()).containsExactly("sriov_numvfs_store");
            assertThat(s.hung()).isFalse();
        }
    }

    @Test
    @DisplayName("every thread runs to its end: finished, no hang")
    void finishes() {
        try (StepScheduler s = new StepScheduler((Kernel) SpecDesign.system("nechita-v11"))) {
            s.start("unbind_store");
            while (!s.allFinished()) {
                s.step("unbind_store");
            }
            assertThat(s.hung()).isFalse();
            assertThat(s.trace()).startsWith("unbind_store:UnbindStore", "unbind_store:DeviceReleaseDriver");
        }
    }

    @Test
    @DisplayName("sriov-mutex: remove_store waits for itself on the rescan mutex: a hang; close() aborts it")
    void selfDeadlockIsAHang() {
        Kernel k = (Kernel) SpecDesign.system("sriov-mutex");
        StepScheduler s = new StepScheduler(k);
        s.start("remove_store");
        while (s.canProgress("remove_store")) {
            s.step("remove_store");
        }
        assertThat(s.state("remove_store").toString())
                .isEqualTo("blocked before SriovDelVfs on pci_rescan_remove_lock held by remove_store");
        assertThat(s.hung()).isTrue();
        s.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("remove_store"));
    }
}
