package pcilc.ref;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;

/**
 * {@code struct kref} (include/linux/kref.h) on an atomic counter: kref_init, kref_get, kref_put and
 * kref_put_lock. The count is not saturated: a put below zero is kept as a negative count, so that the
 * invariants (spec: kref, pdevRef in Int) can see a reference dropped too often.
 */
public final class Kref {
    private final AtomicInteger refcount;

    public Kref(int initial) {
        this.refcount = new AtomicInteger(initial);
    }

    /** kref_init(): the count is 1. */
    public void init() {
        refcount.set(1);
    }

    /** kref_get(). */
    public void get() {
        refcount.incrementAndGet();
    }

    /** kref_put() without the release callback: true when this put dropped the last reference. */
    public boolean put() {
        return refcount.decrementAndGet() == 0;
    }

    /**
     * kref_put_lock(): the put; when it drops the last reference, {@code lock} is taken (the release then
     * runs with it held and must unlock it) and true is returned. refcount_dec_and_lock() takes the lock
     * only for the decrement to zero.
     */
    public boolean putLock(Lock lock) {
        while (true) {
            int c = refcount.get();
            if (c != 1) {
                if (refcount.compareAndSet(c, c - 1)) {
                    return false;
                }
                continue;
            }
            lock.lock();
            if (refcount.decrementAndGet() == 0) {
                return true;
            }
            lock.unlock();
            return false;
        }
    }

    /** kref_read(). */
    public int read() {
        return refcount.get();
    }

    @Override
    public String toString() {
        return Integer.toString(read());
    }
}
