package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RescanRemoveLockTest {

    @Test
    @DisplayName("reentrant: the owner nests (depth), the lock is free again at depth 0")
    void reentrantNests() {
        RescanRemoveLock l = new RescanRemoveLock(true);
        Task a = new Task("a");
        a.run(() -> {
            l.lock();
            l.lock();
            assertThat(l.owner()).isSameAs(a);
            assertThat(l.depth()).isEqualTo(2);
            l.unlock();
            assertThat(l.owner()).isSameAs(a);
            l.unlock();
        });
        assertThat(l.owner()).isNull();
        assertThat(l.depth()).isZero();
        assertThat(l.warned()).isFalse();
        assertThat(l.couldLock(new Task("b"))).isTrue();
    }

    @Test
    @DisplayName("v11: unlock by a task that does not own it is recorded and, as v11 has it, drops the count or the mutex")
    void foreignUnlockIsRecordedAndUnlocks() {
        RescanRemoveLock l = new RescanRemoveLock(true);
        Task a = new Task("a");
        Task b = new Task("b");
        a.run(() -> {
            l.lock();
            l.lock();
        });
        b.run(l::unlock);
        assertThat(l.warned()).isTrue();
        assertThat(l.warnings()).singleElement().asString().contains("by b while a owns");
        assertThat(l.owner()).isSameAs(a);
        assertThat(l.depth()).isEqualTo(1);
        assertThat(l.couldLock(b)).isFalse();
        assertThat(l.couldLock(a)).isTrue();
    }

    @Test
    @DisplayName("plain mutex: its owner cannot take it again")
    void plainMutexBlocksItsOwner() {
        RescanRemoveLock l = new RescanRemoveLock(false);
        Task a = new Task("a");
        a.run(l::lock);
        assertThat(l.couldLock(a)).isFalse();
        a.run(l::unlock);
        assertThat(l.couldLock(a)).isTrue();
    }
}
