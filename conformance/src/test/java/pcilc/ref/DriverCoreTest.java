package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DriverCoreTest {

    @Test
    @DisplayName("kill_device vs bind: once dead, probe returns -ENODEV and nothing binds")
    void noBindAfterKill() {
        Kernel k = (Kernel) SpecDesign.system("nechita-v11");
        Task t = new Task("t");
        t.run(() -> {
            k.driverCore.deviceReleaseDriver(k.vf);
            assertThat(k.vf.driver).isNull();
            k.vf.deviceLock.lock();
            assertThat(k.driverCore.killDevice(k.vf)).isTrue();
            assertThat(k.driverCore.killDevice(k.vf)).as("already dead").isFalse();
            k.vf.deviceLock.unlock();
            assertThat(k.driverCore.bindStore(k.vf, k.vfDriver)).isEqualTo(-DriverCore.ENODEV);
        });
        assertThat(k.vf.driver).isNull();
    }

    @Test
    @DisplayName("bind on a live unbound device binds; on a bound one it is -EBUSY")
    void bindLiveDevice() {
        Kernel k = (Kernel) SpecDesign.system("nechita-v11");
        new Task("t").run(() -> {
            assertThat(k.driverCore.bindStore(k.vf, k.vfDriver)).isEqualTo(-DriverCore.EBUSY);
            k.driverCore.deviceReleaseDriver(k.vf);
            assertThat(k.driverCore.bindStore(k.vf, k.vfDriver)).isZero();
        });
        assertThat(k.vf.driver).isSameAs(k.vfDriver);
    }

    @Test
    @DisplayName("kill_device needs device_lock")
    void killNeedsLock() {
        Kernel k = (Kernel) SpecDesign.system("nechita-v11");
        assertThatThrownBy(() -> new Task("t").run(() -> k.driverCore.killDevice(k.pf)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("PF unbind releases the VFs first (sriov_del_vfs), then the PF driver, in one task")
    void unbindPfRemovesVfs() {
        Kernel k = (Kernel) SpecDesign.system("nechita-v11");
        new Task("unbind_store").run(() -> k.driverCore.unbindStore(k.pf, k.pfDriver));
        assertThat(k.pf.driver).isNull();
        assertThat(k.pf.numVfs).isZero();
        assertThat(k.vf.removeCount).isEqualTo(1);
        assertThat(k.vf.isAdded).isFalse();
        assertThat(k.rescanLock.owner()).isNull();
    }
}
