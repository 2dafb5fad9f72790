package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KrefTest {

    @Test
    @DisplayName("kref_init is 1; get/put count; the put that drops the last reference says so")
    void getPut() {
        Kref k = new Kref(0);
        k.init();
        k.get();
        assertThat(k.read()).isEqualTo(2);
        assertThat(k.put()).isFalse();
        assertThat(k.put()).isTrue();
        assertThat(k.read()).isZero();
    }

    @Test
    @DisplayName("kref_put_lock takes the lock only for the last put and returns with it held")
    void putLock() {
        Kref k = new Kref(0);
        k.init();
        k.get();
        ReentrantLock lock = new ReentrantLock();
        assertThat(k.putLock(lock)).isFalse();
        assertThat(lock.isHeldByCurrentThread()).isFalse();
        assertThat(k.putLock(lock)).isTrue();
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        lock.unlock();
    }

    @Test
    @DisplayName("a put too many is kept as a negative count, for the invariants to see (no saturation)")
    void underflowVisible() {
        Kref k = new Kref(1);
        assertThat(k.put()).isTrue();
        assertThat(k.put()).isFalse();
        assertThat(k.read()).isEqualTo(-1);
    }
}
