package pcilc.ref;

/**
 * A kernel {@code struct mutex}: not reentrant (a task that takes it twice waits for itself), with the
 * owner task. A real lock (a monitor: a flag, {@code wait} and {@code notifyAll}). Under the step scheduler
 * a task never waits inside the monitor: it only takes the mutex when free and otherwise parks in the
 * scheduler, which lets it retry when it grants the task another step. A monitor rather than a
 * {@code Semaphore}: with four or more tasks queued on one lock, Lincheck 3.7 takes the AQS acquire loop
 * for a livelock (JetBrains/lincheck#223) and reports a hang the JVM never shows.
 */
public final class Mutex implements Lockable {
    private final String name;
    private boolean held;  // guarded by this
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
            while (!tryLock()) {
                me.blockedMidStep(this);
            }
        } else {
            synchronized (this) {
                if (held && me.inStep) {
                    throw new IllegalStateException(me + " would wait for " + name + " inside an atomic step");
                }
                boolean interrupted = false;
                while (held) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;  // uninterruptible, as mutex_lock()
                    }
                }
                held = true;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        owner = me;
    }

    private synchronized boolean tryLock() {
        if (held) {
            return false;
        }
        held = true;
        return true;
    }

    /** mutex_unlock(). */
    public void unlock() {
        owner = null;
        synchronized (this) {
            held = false;
            notifyAll();
        }
    }

    @Override
    public synchronized boolean couldLock(Task task) {
        return !held;
    }

    @Override
    public Task owner() {
        return owner;
    }

    public synchronized boolean isLocked() {
        return held;
    }

    @Override
    public String toString() {
        return name;
    }
}
