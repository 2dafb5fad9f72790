package pcilc.ref;

import java.util.concurrent.locks.ReentrantLock;

/**
 * How a free-running step of a {@link SpecSystemBase} is made atomic ({@link SpecSystemBase#afterStep}): a
 * task enters at the start of a step and leaves at its next step point. Under Lincheck's agent an ignored
 * section ({@link LincheckSections}): Lincheck never switches threads inside one. Else a lock that one step
 * at a time holds.
 */
interface StepAtomicity {
    /** {@code t} starts a step. */
    void enter(Task t);

    /** {@code t} is at a step point, or finished; nothing if it is not inside a step. */
    void leave(Task t);

    /** Without Lincheck: one step at a time holds this lock. */
    final class Lock implements StepAtomicity {
        private final ReentrantLock lock = new ReentrantLock();

        @Override
        public void enter(Task t) {
            lock.lock();
            t.inStep = true;
        }

        @Override
        public void leave(Task t) {
            if (t.inStep) {
                t.inStep = false;
                lock.unlock();
            }
        }
    }
}
