package pcilc.ref;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sysfs attribute file (a kernfs node): a task running its store handler holds an active reference
 * (kernfs_get_active); removing the file (kernfs_remove → kernfs_drain) waits until the handlers of other
 * tasks have left it. A task that removes the file it is itself running in deletes the directory under its
 * own feet: {@link #activeBy} tells.
 */
public final class SysfsAttr {
    private final String name;
    private final Set<Task> active = ConcurrentHashMap.newKeySet();
    /** The removal's wait: enabled when no other task is in the file. */
    public final WaitCondition drained;

    public SysfsAttr(String name) {
        this.name = name;
        this.drained = new WaitCondition("kernfs_drain(" + name + ")", (Task t) -> drainedFor(t));
    }

    public String name() {
        return name;
    }

    /** kernfs_get_active(): the store handler of {@code t} runs in the file. */
    public void getActive(Task t) {
        active.add(t);
    }

    /** kernfs_put_active(). */
    public void putActive(Task t) {
        active.remove(t);
        synchronized (this) {
            notifyAll();
        }
    }

    public boolean activeBy(Task t) {
        return active.contains(t);
    }

    /** No task other than {@code t} runs in the file. */
    public boolean drainedFor(Task t) {
        for (Task a : active) {
            if (a != t) {
                return false;
            }
        }
        return true;
    }

    /**
     * kernfs_drain() by the current task: waits (free-running) until no other task runs in the file. Under
     * the step scheduler the step is only granted when {@link #drained} holds, so nothing waits.
     */
    public void drain() {
        Task me = Task.current();
        synchronized (this) {
            while (!drainedFor(me)) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
