package pcilc.ref;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code pci_rescan_remove_lock} with pci_lock_rescan_remove()/pci_unlock_rescan_remove().
 * Plain: a mutex (the owner's second lock waits for itself). Reentrant (Nechita patch 1, v7 to v13):
 * lock: mutex_get_owner() == current → count++, else mutex_lock; unlock: count > 0 → count--, else
 * mutex_unlock, whoever calls (v14's owner variable WARNs and returns instead; no modelled path unlocks a
 * lock it does not hold). depth is the count plus one while held. A foreign unlock is recorded (never
 * thrown), for both kinds, as the spec's rescanWarned.
 */
public final class RescanRemoveLock implements Lockable {
    private final boolean reentrant;
    private final Mutex mutex = new Mutex("pci_rescan_remove_lock");
    /** owner and depth, written together so that a reader at any time sees a pair the lock really had. */
    private record Held(Task owner, int depth) {
    }

    private static final Held FREE = new Held(null, 0);
    private volatile Held held = FREE;
    private final List<String> warnings = new ArrayList<>();
    private volatile boolean warned;

    public RescanRemoveLock(boolean reentrant) {
        this.reentrant = reentrant;
    }

    @Override
    public String name() {
        return "pci_rescan_remove_lock";
    }

    public boolean reentrant() {
        return reentrant;
    }

    /** pci_lock_rescan_remove(). */
    public void lock() {
        Task me = Task.current();
        Held h = held;
        if (reentrant && h.owner() == me) {
            held = new Held(me, h.depth() + 1);
            return;
        }
        mutex.lock();
        held = new Held(me, 1);
    }

    /** pci_unlock_rescan_remove(). */
    public void unlock() {
        Task me = Task.current();
        Held h = held;
        if (h.owner() != me) {
            // v11 does not look (v14 WARNs and returns): recorded, as the spec's rescanWarned; no modelled
            // path gets here
            synchronized (warnings) {
                warnings.add("pci_unlock_rescan_remove() by " + me + " while " + h.owner() + " owns the lock");
            }
            warned = true;
        }
        if (h.depth() > 1) {
            held = new Held(h.owner(), h.depth() - 1);
        } else {
            held = FREE;
            mutex.unlock();
        }
    }

    @Override
    public boolean couldLock(Task task) {
        return (reentrant && held.owner() == task) || mutex.couldLock(task);
    }

    @Override
    public Task owner() {
        return held.owner();
    }

    public int depth() {
        return held.depth();
    }

    /** Owner and depth as one consistent pair: {@code {owner, depth}}. */
    public Object[] ownerAndDepth() {
        Held h = held;
        return new Object[] {h.owner(), h.depth()};
    }

    /** A WARN was printed (the spec's rescanWarned). */
    public boolean warned() {
        return warned;
    }

    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
