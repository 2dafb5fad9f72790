package pcilc.ref.cfgaccess;

import pcilc.ref.Lockable;
import pcilc.ref.Task;

/**
 * BUG(): the oops kills the running task (do_exit): it never returns from the kernel. Thrown to unwind a
 * free-running task; under the step scheduler the task first parks for good on {@link #KILLED}, a lock
 * nobody can take, so it is neither progressing nor finished (the spec's label "bug").
 */
public final class Oops extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What a killed task waits for: nothing that will ever come. */
    public static final Lockable KILLED = new Lockable() {
        @Override
        public String name() {
            return "oops (task killed)";
        }

        @Override
        public boolean couldLock(Task task) {
            return false;
        }

        @Override
        public Task owner() {
            return null;
        }
    };

    public Oops(String where) {
        super("kernel BUG at " + where, null, false, false);
    }
}
