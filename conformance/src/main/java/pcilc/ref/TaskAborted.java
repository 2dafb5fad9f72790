package pcilc.ref;

/** Thrown at a step point of a task the scheduler aborts, to unwind its thread. */
public final class TaskAborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskAborted(String task) {
        super("task " + task + " aborted", null, false, false);
    }
}
