package pcilc.ref;

/** A kernel lock the step scheduler can ask: could this task take it now? */
public interface Lockable {
    String name();

    boolean couldLock(Task task);

    /** The task holding the lock, or null. */
    Task owner();
}
