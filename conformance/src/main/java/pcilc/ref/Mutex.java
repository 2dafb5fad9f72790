package pcilc.ref;

import java.util.concurrent.Semaphore;

/**
 * A kernel {@code struct mutex}: not reentrant (a task that takes it twice waits for itself), with the
 * owner task. A real lock (a binary {@link Semaphore}). Under the step scheduler a task never waits
 * inside the semaphore: it only takes the mutex when free and otherwise parks in the scheduler, which
 * lets it retry when it grants the task another step.
 */
public final class Mutex implements Lockable {
    private final String name;
    private final Semaphore sem = new Semaphore(1);
    private volatile Task owner;

    public Mutex(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** mutex_lock(). */
    public void lock() {
        Task me = Task.current();
        if (me.controlled()) {
            while (!sem.tryAcquire()) {
                me.blockedMidStep(this);
            }
        } else {
            sem.acquireUninterruptibly();
        }
        owner = me;
    }

    /** mutex_unlock(). */
    public void unlock() {
        owner = null;
        sem.release();
    }

    @Override
    public boolean couldLock(Task task) {
        return sem.availablePermits() > 0;
    }

    @Override
    public Task owner() {
        return owner;
    }

    public boolean isLocked() {
        return sem.availablePermits() == 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
