package pcilc.ref;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kernel wait queue ({@code wait_queue_head_t}) with {@code wake_up_all()}: the tasks put on it sleep
 * until a wake-up takes them all off. As a {@link Lockable} it is the enabling condition of the step a
 * sleeper takes when it runs again: {@link #couldLock} is true once the task has been woken, so the step
 * scheduler sees a sleeping task as blocked (not progressing), as the spec sees its action as not enabled.
 * A real wait: free-running tasks sleep on the queue's monitor.
 */
public final class WaitQueue implements Lockable {
    private final String name;
    private final Set<Task> sleepers = new LinkedHashSet<>();

    public WaitQueue(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** The task goes on the queue ({@code __add_wait_queue}, {@code prepare_to_wait}); it sleeps in {@link #schedule}. */
    public synchronized void add(Task task) {
        sleepers.add(task);
    }

    /**
     * {@code schedule()}: the current task sleeps until a wake-up has taken it off the queue. Under the step
     * scheduler it is only granted its step once woken, so this returns at once.
     */
    public void schedule() {
        Task me = Task.current();
        synchronized (this) {
            if (sleepers.contains(me) && me.inStep) {
                throw new IllegalStateException(me + " would sleep on " + name + " inside an atomic step");
            }
            while (sleepers.contains(me)) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** {@code wake_up_all()}: every sleeper is runnable again. */
    public synchronized void wakeUpAll() {
        sleepers.clear();
        notifyAll();
    }

    /** The names of the tasks asleep on the queue, not yet woken. */
    public synchronized Set<String> sleeping() {
        Set<String> out = new TreeSet<>();
        sleepers.forEach(t -> out.add(t.name()));
        return out;
    }

    /** The task has been woken (or never slept): its step after the sleep can run. */
    @Override
    public synchronized boolean couldLock(Task task) {
        return !sleepers.contains(task);
    }

    /** Nobody holds a wait queue. */
    @Override
    public Task owner() {
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
