package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WaitQueueTest {

    @Test
    @DisplayName("a task on the queue cannot run its next step until wake_up_all() takes every sleeper off")
    void wakeUpAllMakesSleepersRunnable() {
        WaitQueue q = new WaitQueue("pci_cfg_wait");
        Task a = new Task("a");
        Task b = new Task("b");
        q.add(a);
        q.add(b);
        assertThat(q.couldLock(a)).isFalse();
        assertThat(q.sleeping()).containsExactly("a", "b");
        assertThat(q.owner()).isNull();
        q.wakeUpAll();
        assertThat(q.couldLock(a)).isTrue();
        assertThat(q.couldLock(b)).isTrue();
        assertThat(q.sleeping()).isEmpty();
    }

    @Test
    @DisplayName("free-running: schedule() really sleeps until woken")
    void scheduleSleepsUntilWoken() throws InterruptedException {
        WaitQueue q = new WaitQueue("q");
        Task sleeper = new Task("sleeper");
        q.add(sleeper);
        boolean[] woke = new boolean[1];
        Thread t = new Thread(() -> sleeper.run(() -> {
            q.schedule();
            woke[0] = true;
        }));
        t.start();
        // asleep: waiting on the queue's monitor (polled, not a timed join: a slow start must not pass for a sleep)
        while (t.getState() != Thread.State.WAITING) {
            assertThat(t.isAlive()).as("the sleeper ended without being woken").isTrue();
            Thread.onSpinWait();
        }
        assertThat(woke[0]).isFalse();
        q.wakeUpAll();
        t.join();
        assertThat(woke[0]).isTrue();
    }
}
